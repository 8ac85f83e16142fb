package org.vsekai.nebula.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.api.UpdateState;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.rest.CredentialIssued;
import org.vsekai.nebula.api.rest.CurrentMode;
import org.vsekai.nebula.api.rest.InstallHistoryEntry;
import org.vsekai.nebula.api.rest.InstallInfo;
import org.vsekai.nebula.api.rest.InstallRegistered;
import org.vsekai.nebula.api.rest.InstallRegistration;
import org.vsekai.nebula.api.rest.LauncherStart;
import org.vsekai.nebula.api.rest.ModeSwitch;
import org.vsekai.nebula.api.rest.NewMode;
import org.vsekai.nebula.api.rest.NewProduct;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.api.rest.ReleaseRequest;
import org.vsekai.nebula.api.rest.RolloutStart;
import org.vsekai.nebula.api.rest.UpdateProcessInfo;
import org.vsekai.nebula.api.rest.UpdateStart;
import org.vsekai.nebula.api.rest.VersionInfo;
import org.vsekai.nebula.schema.UpdateProcessReport;
import org.vsekai.nebula.server.testing.ApiClient;
import org.vsekai.nebula.server.testing.ApiClient.Reply;
import org.vsekai.nebula.server.testing.BuildUploader;
import org.vsekai.nebula.server.testing.NebulaApp;

/**
 * Installs over the REST API, and the trust boundary around them: an install registers (the one
 * anonymous write), then acts with its own credential on itself only; update records are the
 * service's own; support staff read everything and revoke credentials.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Tag("integration")
class InstallsAndUpdatesApiTest {
  static final NebulaApp APP = NebulaApp.create();
  static final DropwizardAppExtension<NebulaConfiguration> EXT = APP.extension();
  private static final TypeReference<Page<UpdateProcessInfo>> PROCESSES = new TypeReference<>() {};

  @TempDir static Path work;

  private final ApiClient anonymous = APP.anonymous();

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

  /** A registered install, and a client carrying its credential. */
  private record Player(UUID id, ApiClient client, String credential) {}

  private Player register(String version) {
    Reply r =
        anonymous.post("api/v1/installs", new InstallRegistration("v-sekai", "stable", version));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    InstallRegistered registered = r.as(InstallRegistered.class);
    return new Player(
        registered.installId(),
        anonymous.withToken(registered.credential()),
        registered.credential());
  }

  @Test
  void aPlayerRegistersThenActsOnItsInstallWithItsCredential() {
    Reply r =
        anonymous.post("api/v1/installs", new InstallRegistration("v-sekai", "stable", "0.1.0"));
    InstallRegistered registered = r.as(InstallRegistered.class);
    assertThat(r.status()).isEqualTo(201);
    assertThat(registered.credential()).startsWith(registered.installId() + ".");
    assertThat(registered.gateway()).startsWith("127.0.0.1:");
    assertThat(registered.gatewayTls()).isFalse();
    ApiClient me = anonymous.withToken(registered.credential());
    UUID id = registered.installId();

    assertThat(me.get("api/v1/installs/" + id).as(InstallInfo.class).version()).isEqualTo("0.1.0");
    assertThat(me.get("api/v1/installs/" + id + "/mode").as(CurrentMode.class).mode())
        .isEqualTo("stable");
    assertThat(me.get("api/v1/installs/" + id + "/latest").as(VersionInfo.class).version())
        .isEqualTo("0.2.0");
    InstallInfo switched =
        me.put("api/v1/installs/" + id + "/mode", new ModeSwitch("beta")).as(InstallInfo.class);
    assertThat(switched.mode()).isEqualTo("beta");
    assertThat(me.get("api/v1/installs/" + id + "/latest").as(VersionInfo.class).version())
        .isEqualTo("0.3.0-beta.1");
    List<InstallHistoryEntry> history =
        me.get("api/v1/installs/" + id + "/history")
            .as(new TypeReference<Page<InstallHistoryEntry>>() {})
            .items();
    assertThat(history)
        .extracting(InstallHistoryEntry::kind, InstallHistoryEntry::value)
        .contains(
            Tuple.tuple("mode", "beta"),
            Tuple.tuple("mode", "stable"),
            Tuple.tuple("version", "0.1.0"));
  }

  @Test
  void theServiceChoosesTheInstallIdNeverTheClient() {
    Player a = register(null);
    Player b = register(null);
    assertThat(a.id()).isNotEqualTo(b.id());
    int installs = APP.count("installs");

    Reply chosen =
        anonymous.post(
            "api/v1/installs",
            Map.of(
                "installId", UUID.randomUUID().toString(), "product", "v-sekai", "mode", "stable"));

    assertThat(chosen.status()).isEqualTo(400);
    assertThat(chosen.error()).contains("installId");
    assertThat(APP.count("installs")).isEqualTo(installs);
  }

  @Test
  void registrationInputIsChecked() {
    int installs = APP.count("installs");
    assertThat(
            anonymous
                .post("api/v1/installs", new InstallRegistration("v-sekai", "stable", "banana"))
                .status())
        .isEqualTo(400);
    assertThat(
            anonymous
                .post("api/v1/installs", new InstallRegistration("v-sekai", "stable", "9.0.0"))
                .status())
        .isEqualTo(404);
    assertThat(
            anonymous
                .post("api/v1/installs", new InstallRegistration("other-game", "stable", null))
                .status())
        .isEqualTo(404);
    assertThat(
            anonymous
                .post("api/v1/installs", new InstallRegistration("v-sekai", null, null))
                .status())
        .isEqualTo(400);
    assertThat(APP.count("installs")).isEqualTo(installs);
    assertThat(APP.count("install_credentials")).isEqualTo(installs);

    Player me = register(null);
    assertThat(me.client().get("api/v1/installs/not-a-uuid").error())
        .isEqualTo("'not-a-uuid' is not a valid install id (a UUID)");
    assertThat(
            me.client()
                .put("api/v1/installs/" + me.id() + "/mode", new ModeSwitch("nightly"))
                .status())
        .isEqualTo(404);
    assertThat(
            me.client().put("api/v1/installs/" + me.id() + "/mode", new ModeSwitch(null)).status())
        .isEqualTo(400);
  }

  @Test
  void oneInstallsCredentialCannotReadOrSteerAnother() {
    Player a = register("0.1.0");
    Player b = register("0.1.0");
    String bPath = "api/v1/installs/" + b.id();
    int modes = APP.count("install_modes");

    for (Reply r :
        List.of(
            a.client().put(bPath + "/mode", new ModeSwitch("beta")),
            a.client().get(bPath),
            a.client().get(bPath + "/mode"),
            a.client().get(bPath + "/history"),
            a.client().get(bPath + "/latest"),
            a.client().post(bPath + "/update", new UpdateStart(0, true)),
            a.client().get(bPath + "/update"),
            a.client().post(bPath + "/update/cancel", null),
            a.client().post(bPath + "/update/pause", null),
            a.client().post(bPath + "/launcher", new LauncherStart(true, 1, 0)),
            a.client().delete(bPath + "/credential"),
            a.client().post(bPath + "/credential", null))) {
      assertThat(r.status()).as(r.raw().request().method() + " " + r.raw().uri()).isEqualTo(403);
      assertThat(r.error()).isNotBlank();
    }

    assertThat(APP.count("install_modes")).isEqualTo(modes);
    assertThat(APP.support().get(bPath).as(InstallInfo.class).mode()).isEqualTo("stable");
  }

  @Test
  void withoutACredentialNothingButRegistrationIsOpen() {
    Player b = register("0.1.0");
    String bPath = "api/v1/installs/" + b.id();
    for (Reply r :
        List.of(
            anonymous.put(bPath + "/mode", new ModeSwitch("beta")),
            anonymous.get(bPath),
            anonymous.get(bPath + "/history"),
            anonymous.post(bPath + "/update", new UpdateStart(0, false)),
            anonymous.get("api/v1/update-processes"),
            anonymous.post("api/v1/update-processes", "{}"),
            anonymous.post(
                "api/v1/rollouts",
                new RolloutStart("v-sekai", "0.2.0", "stable", null, null, null, null)),
            anonymous.withToken("garbage").get(bPath),
            anonymous.withToken(b.id() + ".not-the-secret").get(bPath))) {
      assertThat(r.status()).as(r.raw().uri().toString()).isEqualTo(401);
      assertThat(r.error()).contains("credential");
    }
  }

  @Test
  void updateRecordsAreTheServicesOwnToWrite() throws Exception {
    Player a = register("0.1.0");
    UUID process = seedRecord(a.id());
    int states = APP.count("update_process_states");
    UpdateProcessReport forged =
        new UpdateProcessReport(
            process, a.id(), UpdateState.UpdateSuccessful, null, null, null, null, null, null);

    for (ApiClient writer : List.of(a.client(), APP.publisher(), APP.support())) {
      Reply r = writer.post("api/v1/update-processes", forged);
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.error()).contains("service's own workflows");
    }
    // A 20 MB report is not even read: refused on its Content-Length before a byte of it.
    String huge =
        rawRequest(
            "POST /api/v1/update-processes HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer "
                + a.credential()
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + (20 << 20)
                + "\r\n\r\n");
    assertThat(huge).startsWith("HTTP/1.1 413").contains("{\"error\":");

    assertThat(APP.count("update_process_states")).isEqualTo(states);
    assertThat(
            APP.support()
                .get("api/v1/update-processes/" + process)
                .as(UpdateProcessInfo.class)
                .state())
        .isEqualTo(UpdateState.Checking);
  }

  @Test
  void supportListsEveryUpdateAndAnInstallOnlyItsOwn() {
    Player a = register("0.1.0");
    Player b = register("0.1.0");
    UUID ofA = seedRecord(a.id());
    UUID ofB = seedRecord(b.id());

    assertThat(a.client().get("api/v1/update-processes").status()).isEqualTo(403);
    assertThat(a.client().get("api/v1/update-processes?installId=" + b.id()).status())
        .isEqualTo(403);
    assertThat(a.client().get("api/v1/update-processes/" + ofB).status()).isEqualTo(403);
    assertThat(APP.publisher().get("api/v1/update-processes").status()).isEqualTo(403);
    assertThat(a.client().get("api/v1/update-processes?installId=" + a.id()).as(PROCESSES).items())
        .extracting(UpdateProcessInfo::updateProcessId)
        .containsExactly(ofA);
    assertThat(a.client().get("api/v1/update-processes/" + ofA).status()).isEqualTo(200);
    assertThat(APP.support().get("api/v1/update-processes").as(PROCESSES).items())
        .extracting(UpdateProcessInfo::updateProcessId)
        .contains(ofA, ofB);
    assertThat(APP.support().get("api/v1/update-processes?installId=zzz").status()).isEqualTo(400);
    assertThat(APP.support().get("api/v1/update-processes/" + UUID.randomUUID()).status())
        .isEqualTo(404);
  }

  @Test
  void anInstallCannotStartRolloutsOrPublish() {
    Player a = register("0.1.0");
    int rollouts = APP.count("rollouts");
    assertThat(
            a.client()
                .post(
                    "api/v1/rollouts",
                    new RolloutStart("v-sekai", "0.2.0", "stable", null, null, null, null))
                .status())
        .isEqualTo(403);
    assertThat(a.client().get("api/v1/rollouts").status()).isEqualTo(403);
    assertThat(a.client().post("api/v1/modes", new NewMode("mine")).status()).isEqualTo(403);
    assertThat(APP.count("rollouts")).isEqualTo(rollouts);
  }

  @Test
  void aRevokedCredentialIsRefusedAndAReissuedOneWorks() {
    Player a = register("0.1.0");
    String path = "api/v1/installs/" + a.id();
    assertThat(a.client().get(path).status()).isEqualTo(200);

    assertThat(a.client().delete(path + "/credential").status()).isEqualTo(403);
    assertThat(APP.publisher().delete(path + "/credential").status()).isEqualTo(403);
    assertThat(APP.support().delete(path + "/credential").status()).isEqualTo(204);

    assertThat(a.client().get(path).status()).isEqualTo(401);
    assertThat(a.client().put(path + "/mode", new ModeSwitch("beta")).status()).isEqualTo(401);
    assertThat(APP.support().delete(path + "/credential").status()).isEqualTo(404);

    Reply reissued = APP.support().post(path + "/credential", null);
    assertThat(reissued.status()).isEqualTo(201);
    String fresh = reissued.as(CredentialIssued.class).credential();
    assertThat(anonymous.withToken(fresh).get(path).status()).isEqualTo(200);
    assertThat(a.client().get(path).status()).isEqualTo(401);
  }

  @Test
  void updateControlsNeedTemporalAndSaySo() {
    Player a = register("0.1.0");
    Reply r = a.client().post("api/v1/installs/" + a.id() + "/update", new UpdateStart(0, false));
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.error()).contains("Temporal");
  }

  @Test
  void aRetryDeadlineOutOfRangeIsA400() {
    Player a = register("0.1.0");
    String path = "api/v1/installs/" + a.id();
    for (long hours : new long[] {-1, UpdateStart.MAX_RETRY_FOR_HOURS + 1}) {
      Reply update = a.client().post(path + "/update", new UpdateStart(0, false, false, hours));
      assertThat(update.status()).isEqualTo(400);
      assertThat(update.error()).contains("retryForHours must be between 0");
      Reply launcher = a.client().post(path + "/launcher", new LauncherStart(true, 60, 0, hours));
      assertThat(launcher.status()).isEqualTo(400);
    }
  }

  /** Sends {@code head} (and no body) on a socket, and returns what comes back. */
  private static String rawRequest(String head) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", APP.baseUrl().getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      byte[] answer = new byte[4096];
      int n = socket.getInputStream().read(answer);
      return new String(answer, 0, Math.max(n, 0), StandardCharsets.UTF_8);
    }
  }

  /** A record as the service's own record activity writes it. */
  private static UUID seedRecord(UUID install) {
    UUID process = UUID.randomUUID();
    APP.services()
        .updateProcesses()
        .report(
            new UpdateProcessReport(
                process, install, UpdateState.Checking, null, "0.2.0", null, null, null, null));
    return process;
  }
}
