package org.vsekai.nebula.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.activities.testing.Builds;
import org.vsekai.nebula.activities.testing.FakeReleaseService;
import org.vsekai.nebula.workflows.UpdateFailures;
import org.vsekai.nebula.workflows.activities.ApplyRequest;
import org.vsekai.nebula.workflows.activities.DownloadBatchRequest;
import org.vsekai.nebula.workflows.activities.PrepareRequest;
import org.vsekai.nebula.workflows.activities.UpdatePlan;

/**
 * The install on a small tmpfs that fills up for real: the kernel's ENOSPC, in whatever words the
 * JDK renders it, is recognised by the room left, ends a staging step by name with the install
 * untouched, and after the switch does not stop the update from completing. Needs root (to mount);
 * skipped, saying so, elsewhere.
 */
@Tag("integration")
class DiskFullOnARealVolumeTest {
  private static final Instant LATER = Instant.now().plus(Duration.ofDays(1));

  @TempDir Path dir;
  private Path volume;
  private FakeReleaseService service;
  private ActivitiesTestBed bed;
  private Map<String, String> v1Contents;
  private Map<String, String> v2Contents;
  private UpdatePlan plan;

  @BeforeEach
  void installOnASmallVolume() throws Exception {
    volume = dir.resolve("volume");
    Files.createDirectories(volume);
    // Room for the planner's 64 MiB margin and the install, not much more.
    Assumptions.assumeTrue(
        run("mount", "-t", "tmpfs", "-o", "size=80m", "tmpfs", volume.toString()),
        "mounting a tmpfs needs root");
    service = new FakeReleaseService(dir.resolve("service"));
    Path v1 = Builds.v1(dir.resolve("build-v1"));
    Path v2 = Builds.v2(v1, dir.resolve("build-v2"));
    v1Contents = Builds.contents(v1);
    v2Contents = Builds.contents(v2);
    service.publish("0.1.0", "stable", v1, LATER);
    bed = new ActivitiesTestBed(volume, service, DiskSpace.REAL);
    bed.update("0.1.0");
    service.publish("0.2.0", "stable", v2, LATER);
    plan =
        bed.activities.prepare(
            new PrepareRequest(bed.installId, "v-sekai", "stable", "0.1.0", "0.2.0", false));
  }

  @AfterEach
  void unmount() {
    if (bed != null) {
      bed.close();
    }
    if (service != null) {
      service.close();
    }
    run("umount", "-l", volume.toString());
  }

  @Test
  void aDiskThatFillsDuringTheDownloadEndsItByName() throws Exception {
    fillTheVolume();

    ApplicationFailure f =
        failure(
            () -> bed.activities.downloadChunks(new DownloadBatchRequest(plan.planId(), 0, 1, 0)));

    assertThat(f.getType()).isEqualTo(UpdateFailures.INSUFFICIENT_DISK_SPACE);
    assertThat(f.isNonRetryable()).isTrue();
    assertThat(f.getOriginalMessage()).contains("the disk is full").contains("free some space");
    assertThat(Builds.contents(bed.folder.current())).isEqualTo(v1Contents);
  }

  @Test
  void aDiskThatFillsDuringApplyEndsItByName() throws Exception {
    bed.activities.downloadChunks(new DownloadBatchRequest(plan.planId(), 0, 1, 0));
    fillTheVolume();

    ApplicationFailure f = failure(() -> bed.activities.apply(new ApplyRequest(plan.planId())));

    assertThat(f.getType()).isEqualTo(UpdateFailures.INSUFFICIENT_DISK_SPACE);
    assertThat(Builds.contents(bed.folder.current())).isEqualTo(v1Contents);
  }

  @Test
  void aDiskThatFillsAfterTheSwitchDoesNotStopTheUpdate() throws Exception {
    bed.activities.downloadChunks(new DownloadBatchRequest(plan.planId(), 0, 1, 0));
    bed.activities.apply(new ApplyRequest(plan.planId()));
    ReleaseSwitcher switcher =
        new ReleaseSwitcher(
            bed.folder,
            ReleaseSwitcher.Restager.NONE,
            step -> {
              if (step == ReleaseSwitcher.Step.SWITCH) {
                fillTheVolume();
              }
            });

    switcher.finalizeUpdate(plan.planId());

    assertThat(Builds.contents(bed.folder.current())).isEqualTo(v2Contents);
  }

  /** Writes a file until the kernel says no more. */
  private void fillTheVolume() {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(volume.resolve("filler"))) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      // the volume is full
    }
  }

  private static ApplicationFailure failure(ThrowableAssert.ThrowingCallable c) {
    Throwable thrown = catchThrowable(c);
    assertThat(thrown).isInstanceOf(ActivityFailure.class);
    return (ApplicationFailure) thrown.getCause();
  }

  private static boolean run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
