package org.vsekai.nebula.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.activities.local.InstallStateFile;
import org.vsekai.nebula.activities.testing.Builds;
import org.vsekai.nebula.activities.testing.FakeReleaseService;
import org.vsekai.nebula.workflows.UpdateFailures;
import org.vsekai.nebula.workflows.activities.CheckRequest;
import org.vsekai.nebula.workflows.activities.PrepareRequest;

/**
 * The install's own file is its policy: a task naming another install, product or mode, or a
 * downgrade the install did not allow, is refused by name and changes nothing; failure messages
 * leave the machine without its paths.
 */
@Tag("integration")
class InstallPolicyTest {
  private static final Instant NEXT_MONTH = Instant.now().plus(Duration.ofDays(30));
  @TempDir Path dir;
  private FakeReleaseService service;
  private ActivitiesTestBed bed;

  @BeforeEach
  void publish() throws Exception {
    service = new FakeReleaseService(dir.resolve("service"));
    Path v1 = Builds.v1(dir.resolve("build-v1"));
    Path v2 = Builds.v2(v1, dir.resolve("build-v2"));
    service.publish("0.1.0", "stable", v1, NEXT_MONTH);
    service.publish("0.2.0", "stable", v2, NEXT_MONTH);
    bed = new ActivitiesTestBed(dir, service, DiskSpace.REAL);
  }

  @AfterEach
  void stop() {
    bed.close();
    service.close();
  }

  @Test
  void aTaskForAnotherProductModeOrInstallIsRefusedByName() {
    assertRefused(
        () ->
            bed.activities.check(
                new CheckRequest(bed.installId, "other-game", "stable", null, null)),
        UpdateFailures.WRONG_PRODUCT);
    assertRefused(
        () -> bed.activities.check(new CheckRequest(bed.installId, "v-sekai", "beta", null, null)),
        UpdateFailures.WRONG_MODE);
    assertRefused(
        () ->
            bed.activities.check(
                new CheckRequest(UUID.randomUUID().toString(), "v-sekai", "stable", null, null)),
        UpdateFailures.INVALID_INSTALL);
    assertRefused(
        () ->
            bed.activities.prepare(
                new PrepareRequest(bed.installId, "v-sekai", "beta", null, "0.2.0", false)),
        UpdateFailures.WRONG_MODE);
    assertRefused(
        () ->
            bed.activities.prepare(
                new PrepareRequest(bed.installId, "other-game", "stable", null, "0.2.0", false)),
        UpdateFailures.WRONG_PRODUCT);
    assertThat(bed.folder.current()).doesNotExist();
    assertThat(bed.folder.plans()).doesNotExist();
  }

  @Test
  void aDowngradeTheTaskAsksForIsRefusedUnlessTheInstallAllowsIt() throws Exception {
    bed.update("0.2.0");

    // The task asks for a downgrade; the install's file does not allow one.
    assertRefused(
        () ->
            bed.activities.prepare(
                new PrepareRequest(bed.installId, "v-sekai", "stable", "0.2.0", "0.1.0", true)),
        UpdateFailures.DOWNGRADE);

    // The player granted it (vsekai --update --allow-downgrade): now it goes through.
    InstallStateFile file = new InstallStateFile(bed.folder);
    file.write(file.require().withDowngradeAllowedUntil(Instant.now().plus(Duration.ofHours(1))));
    assertThat(
            bed.activities
                .prepare(
                    new PrepareRequest(bed.installId, "v-sekai", "stable", "0.2.0", "0.1.0", true))
                .toVersion())
        .isEqualTo("0.1.0");

    // A grant that ran out allows nothing.
    file.write(
        file.require().withDowngradeAllowedUntil(Instant.now().minus(Duration.ofMinutes(1))));
    assertRefused(
        () ->
            bed.activities.prepare(
                new PrepareRequest(bed.installId, "v-sekai", "stable", "0.2.0", "0.1.0", true)),
        UpdateFailures.DOWNGRADE);
  }

  @Test
  void failureMessagesCarryNoLocalPaths() throws Exception {
    // A file where the staging folder goes: the JDK's message names the full path.
    Files.createDirectories(bed.folder.versions());
    Files.writeString(bed.folder.versions().resolve("0.1.0"), "in the way");
    Files.createDirectories(bed.folder.plans().getParent());
    Files.writeString(bed.folder.plans(), "in the way");
    ActivityFailure failure =
        catchFailure(
            () ->
                bed.activities.prepare(
                    new PrepareRequest(bed.installId, "v-sekai", "stable", null, "0.1.0", false)));
    String message = ((ApplicationFailure) failure.getCause()).getOriginalMessage();
    assertThat(message).contains("<install>").doesNotContain(bed.folder.root().toString());
    assertThat(failure.getCause().getCause()).isNull();

    PrivateText text =
        new PrivateText(Path.of("/home/alice/Games/V-Sekai"), Path.of("/home/alice"));
    assertThat(text.scrub("cannot open /home/alice/Games/V-Sekai/versions/x/a.pck: denied"))
        .isEqualTo("cannot open <install>/versions/x/a.pck: denied");
    assertThat(text.scrub("no room in /home/alice/.cache")).isEqualTo("no room in ~/.cache");
  }

  private static ActivityFailure catchFailure(Runnable call) {
    try {
      call.run();
    } catch (ActivityFailure f) {
      return f;
    }
    throw new AssertionError("the activity did not fail");
  }

  private static void assertRefused(Runnable call, String type) {
    assertThatThrownBy(call::run)
        .isInstanceOf(ActivityFailure.class)
        .satisfies(
            f -> {
              ApplicationFailure cause = (ApplicationFailure) f.getCause();
              assertThat(cause.getType()).isEqualTo(type);
              assertThat(cause.isNonRetryable()).isTrue();
            });
  }
}
