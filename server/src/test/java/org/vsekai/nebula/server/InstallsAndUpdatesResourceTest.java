package org.vsekai.nebula.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.rest.CurrentMode;
import org.vsekai.nebula.api.rest.InstallHistoryEntry;
import org.vsekai.nebula.api.rest.InstallInfo;
import org.vsekai.nebula.api.rest.InstallRegistration;
import org.vsekai.nebula.api.rest.ModeSwitch;
import org.vsekai.nebula.api.rest.NewMode;
import org.vsekai.nebula.api.rest.NewProduct;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.api.rest.ReleaseRequest;
import org.vsekai.nebula.api.rest.UpdateProcessInfo;
import org.vsekai.nebula.api.rest.UpdateProcessReport;
import org.vsekai.nebula.api.rest.UpdateState;
import org.vsekai.nebula.api.rest.VersionInfo;
import org.vsekai.nebula.server.testing.ApiClient;
import org.vsekai.nebula.server.testing.ApiClient.Reply;
import org.vsekai.nebula.server.testing.BuildUploader;
import org.vsekai.nebula.server.testing.NebulaApp;

/** Installs and their update processes, as a player's machine reports them. */
@ExtendWith(DropwizardExtensionsSupport.class)
class InstallsAndUpdatesResourceTest {
  static final NebulaApp APP = NebulaApp.create();
  static final DropwizardAppExtension<NebulaConfiguration> EXT = APP.extension();
  private static final TypeReference<Page<UpdateProcessInfo>> PROCESSES = new TypeReference<>() {};

  @TempDir static Path work;

  private final ApiClient player = APP.anonymous();

  @BeforeAll
  static void publishTwoVersions() {
    ApiClient publisher = APP.publisher();
    publisher.post("api/v1/products", new NewProduct("v-sekai"));
    publisher.post("api/v1/modes", new NewMode("stable"));
    publisher.post("api/v1/modes", new NewMode("beta"));
    ManifestFile game =
        new BuildUploader(publisher, work).upload("bin/game", BuildUploader.randomBytes(40_000, 5));
    for (String[] v :
        new String[][] {{"0.1.0", "stable"}, {"0.2.0", "stable"}, {"0.3.0-beta.1", "beta"}}) {
      Reply r =
          publisher.post(
              "api/v1/releases",
              new ReleaseRequest(
                  "v-sekai", v[0], v[1], "bin/game", BuildUploader.CHUNKING, List.of(game), null));
      assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
  }

  private UUID register(String version) {
    Reply r =
        player.post("api/v1/installs", new InstallRegistration(null, "v-sekai", "stable", version));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.as(InstallInfo.class).installId();
  }

  @Test
  void aPlayerRegistersSwitchesModeAndAsksWhatToRun() {
    UUID id = UUID.randomUUID();
    Reply first =
        player.post("api/v1/installs", new InstallRegistration(id, "v-sekai", "stable", "0.1.0"));
    Reply retried =
        player.post("api/v1/installs", new InstallRegistration(id, "v-sekai", "stable", "0.1.0"));

    assertThat(first.status()).isEqualTo(201);
    assertThat(retried.status()).isEqualTo(200);
    assertThat(player.get("api/v1/installs/" + id).as(InstallInfo.class).version())
        .isEqualTo("0.1.0");
    assertThat(player.get("api/v1/installs/" + id + "/mode").as(CurrentMode.class).mode())
        .isEqualTo("stable");
    assertThat(player.get("api/v1/installs/" + id + "/latest").as(VersionInfo.class).version())
        .isEqualTo("0.2.0");

    InstallInfo switched =
        player.put("api/v1/installs/" + id + "/mode", new ModeSwitch("beta")).as(InstallInfo.class);

    assertThat(switched.mode()).isEqualTo("beta");
    assertThat(player.get("api/v1/installs/" + id + "/latest").as(VersionInfo.class).version())
        .isEqualTo("0.3.0-beta.1");
    List<InstallHistoryEntry> history =
        player
            .get("api/v1/installs/" + id + "/history")
            .as(new TypeReference<Page<InstallHistoryEntry>>() {})
            .items();
    assertThat(history)
        .extracting(InstallHistoryEntry::kind, InstallHistoryEntry::value)
        .contains(
            org.assertj.core.groups.Tuple.tuple("mode", "beta"),
            org.assertj.core.groups.Tuple.tuple("mode", "stable"),
            org.assertj.core.groups.Tuple.tuple("version", "0.1.0"));
  }

  @Test
  void installInputIsChecked() {
    UUID id = register(null);

    assertThat(player.get("api/v1/installs/not-a-uuid").error())
        .isEqualTo("'not-a-uuid' is not a valid install id (a UUID)");
    assertThat(player.get("api/v1/installs/" + UUID.randomUUID()).status()).isEqualTo(404);
    assertThat(player.put("api/v1/installs/" + id + "/mode", new ModeSwitch("nightly")).status())
        .isEqualTo(404);
    assertThat(player.put("api/v1/installs/" + id + "/mode", new ModeSwitch(null)).status())
        .isEqualTo(400);
    assertThat(
            player
                .post(
                    "api/v1/installs", new InstallRegistration(null, "v-sekai", "stable", "banana"))
                .status())
        .isEqualTo(400);
    assertThat(
            player
                .post(
                    "api/v1/installs", new InstallRegistration(null, "v-sekai", "stable", "9.0.0"))
                .status())
        .isEqualTo(404);
    assertThat(
            player
                .post(
                    "api/v1/installs", new InstallRegistration(null, "other-game", "stable", null))
                .status())
        .isEqualTo(404);
    assertThat(
            player
                .post("api/v1/installs", new InstallRegistration(id, "v-sekai", "stable", null))
                .status())
        .isEqualTo(200);
  }

  @Test
  void anUpdateReportsItsWayToSuccessAndMovesTheInstall() {
    UUID install = register("0.1.0");
    UUID process = UUID.randomUUID();
    Reply created =
        player.post(
            "api/v1/update-processes",
            new UpdateProcessReport(
                process,
                install,
                UpdateState.Checking,
                null,
                "0.2.0",
                "manifest 0.2.0",
                List.of("bin/game"),
                Map.of("Version", "0.2.0"),
                "/launcher/.cache"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    for (UpdateState s :
        List.of(
            UpdateState.UpdateAvailable,
            UpdateState.PreparingUpdate,
            UpdateState.DownloadingUpdate,
            UpdateState.DownloadingUpdate,
            UpdateState.ApplyingUpdate,
            UpdateState.FinalizingUpdate,
            UpdateState.UpdateSuccessful)) {
      Reply r =
          player.post(
              "api/v1/update-processes",
              new UpdateProcessReport(process, install, s, null, null, null, null, null, null));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    UpdateProcessInfo done =
        player.get("api/v1/update-processes/" + process).as(UpdateProcessInfo.class);
    assertThat(done.state()).isEqualTo(UpdateState.UpdateSuccessful);
    assertThat(done.fromVersion()).isEqualTo("0.1.0");
    assertThat(done.toVersion()).isEqualTo("0.2.0");
    assertThat(done.states()).hasSize(7);
    assertThat(done.validTo()).isNotNull();
    assertThat(player.get("api/v1/installs/" + install).as(InstallInfo.class).version())
        .isEqualTo("0.2.0");
    assertThat(player.get("api/v1/update-processes?installId=" + install).as(PROCESSES).items())
        .extracting(UpdateProcessInfo::updateProcessId)
        .containsExactly(process);
  }

  @Test
  void badReportsAreRefusedAndWriteNothing() {
    UUID install = register("0.1.0");
    UUID process = UUID.randomUUID();
    player.post(
        "api/v1/update-processes",
        new UpdateProcessReport(
            process, install, UpdateState.ApplyingUpdate, null, null, null, null, null, null));
    int states = APP.count("update_process_states");

    Reply backwards =
        player.post(
            "api/v1/update-processes",
            new UpdateProcessReport(
                process, install, UpdateState.Checking, null, null, null, null, null, null));
    Reply unknownState =
        player.post(
            "api/v1/update-processes",
            "{\"updateProcessId\":\""
                + process
                + "\",\"installId\":\""
                + install
                + "\",\"state\":\"Exploding\"}");
    Reply noState =
        player.post(
            "api/v1/update-processes",
            new UpdateProcessReport(process, install, null, null, null, null, null, null, null));
    Reply strangerInstall =
        player.post(
            "api/v1/update-processes",
            new UpdateProcessReport(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UpdateState.Checking,
                null,
                null,
                null,
                null,
                null,
                null));
    Reply badVersion =
        player.post(
            "api/v1/update-processes",
            new UpdateProcessReport(
                UUID.randomUUID(),
                install,
                UpdateState.Checking,
                null,
                "x.y",
                null,
                null,
                null,
                null));

    assertThat(backwards.status()).isEqualTo(409);
    assertThat(backwards.error()).contains("cannot go from ApplyingUpdate to Checking");
    assertThat(unknownState.status()).isEqualTo(400);
    assertThat(unknownState.error()).contains("Exploding");
    assertThat(noState.error()).isEqualTo("state is missing");
    assertThat(strangerInstall.status()).isEqualTo(404);
    assertThat(badVersion.status()).isEqualTo(400);
    Reply nul =
        player.post(
            "api/v1/update-processes",
            new UpdateProcessReport(
                UUID.randomUUID(),
                install,
                UpdateState.Checking,
                "a\u0000b",
                null,
                null,
                null,
                null,
                null));
    Reply huge =
        player.post(
            "api/v1/update-processes",
            new UpdateProcessReport(
                UUID.randomUUID(),
                install,
                UpdateState.Checking,
                "x".repeat(5000),
                null,
                null,
                null,
                null,
                null));

    assertThat(nul.status())
        .as("the database refuses NUL; still the client's mistake")
        .isEqualTo(400);
    assertThat(huge.error()).isEqualTo("detail is longer than 4096 characters");
    assertThat(APP.count("update_process_states")).isEqualTo(states);
    assertThat(APP.count("update_processes WHERE install_id = '" + install + "'")).isEqualTo(1);
    assertThat(player.get("api/v1/update-processes/" + UUID.randomUUID()).status()).isEqualTo(404);
    assertThat(player.get("api/v1/update-processes?installId=zzz").status()).isEqualTo(400);
  }

  @Test
  void updateProcessListsArePaged() {
    UUID install = register(null);
    for (int i = 0; i < 3; i++) {
      player.post(
          "api/v1/update-processes",
          new UpdateProcessReport(
              UUID.randomUUID(),
              install,
              UpdateState.Checking,
              null,
              null,
              null,
              null,
              null,
              null));
    }

    Page<UpdateProcessInfo> first =
        player.get("api/v1/update-processes?installId=" + install + "&limit=2").as(PROCESSES);
    Page<UpdateProcessInfo> second =
        player
            .get("api/v1/update-processes?installId=" + install + "&limit=2&cursor=" + first.next())
            .as(PROCESSES);

    assertThat(first.items()).hasSize(2);
    assertThat(second.items()).hasSize(1);
    assertThat(second.next()).isNull();
    assertThat(player.get("api/v1/update-processes").as(PROCESSES).items())
        .hasSizeGreaterThanOrEqualTo(3);
  }
}
