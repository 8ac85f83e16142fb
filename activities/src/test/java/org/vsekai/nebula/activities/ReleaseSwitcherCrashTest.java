package org.vsekai.nebula.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vsekai.nebula.activities.testing.Builds;
import org.vsekai.nebula.activities.testing.FakeReleaseService;
import org.vsekai.nebula.workflows.activities.ApplyRequest;
import org.vsekai.nebula.workflows.activities.DownloadBatchRequest;
import org.vsekai.nebula.workflows.activities.PrepareRequest;
import org.vsekai.nebula.workflows.activities.UpdatePlan;

/**
 * finalize stopped dead at each journal step, as a crash would stop it: the folder then holds the
 * complete old or the complete new release, and running finalize again finishes the switch. So does
 * a new update's prepare, for a switch whose workflow is gone.
 */
@Tag("integration")
class ReleaseSwitcherCrashTest {
  @TempDir Path dir;
  private FakeReleaseService service;
  private ActivitiesTestBed bed;
  private Map<String, String> v1Contents;
  private Map<String, String> v2Contents;
  private String planId;

  /** What a crash does to the thread that was switching: it stops, no cleanup runs. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;
  }

  @BeforeEach
  void stageV2() throws Exception {
    service = new FakeReleaseService(dir.resolve("service"));
    Path v1 = Builds.v1(dir.resolve("build-v1"));
    Path v2 = Builds.v2(v1, dir.resolve("build-v2"));
    v1Contents = Builds.contents(v1);
    v2Contents = Builds.contents(v2);
    Instant later = Instant.now().plus(Duration.ofDays(1));
    service.publish("0.1.0", "stable", v1, later);
    bed = new ActivitiesTestBed(dir, service, DiskSpace.REAL);
    bed.update("0.1.0");
    service.publish("0.2.0", "stable", v2, later);
    UpdatePlan plan =
        bed.activities.prepare(
            new PrepareRequest(bed.installId, "v-sekai", "stable", "0.1.0", "0.2.0", false));
    bed.activities.downloadChunks(new DownloadBatchRequest(plan.planId(), 0, 1, 0));
    bed.activities.apply(new ApplyRequest(plan.planId()));
    planId = plan.planId();
  }

  @AfterEach
  void stop() {
    bed.close();
    service.close();
  }

  @ParameterizedTest
  @EnumSource(ReleaseSwitcher.Step.class)
  void aCrashAtAnyStepLeavesOneWholeReleaseAndRollsForward(ReleaseSwitcher.Step crashAt)
      throws Exception {
    ReleaseSwitcher crashing =
        new ReleaseSwitcher(
            bed.folder,
            ReleaseSwitcher.Restager.NONE,
            step -> {
              if (step == crashAt) {
                throw new Crash();
              }
            });
    assertThatThrownBy(() -> crashing.finalizeUpdate(planId)).isInstanceOf(Crash.class);
    Map<String, String> seen = Builds.contents(bed.folder.current());
    assertThat(seen).isIn(v1Contents, v2Contents);

    new ReleaseSwitcher(bed.folder).finalizeUpdate(planId);
    assertThat(Builds.contents(bed.folder.current())).isEqualTo(v2Contents);
    assertThat(bed.folder.journal()).doesNotExist();
    try (var versions = Files.list(bed.folder.versions())) {
      assertThat(versions).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(ReleaseSwitcher.Step.class)
  void aNewUpdateFinishesOrForgetsAnAbandonedSwitch(ReleaseSwitcher.Step crashAt) throws Exception {
    ReleaseSwitcher crashing =
        new ReleaseSwitcher(
            bed.folder,
            ReleaseSwitcher.Restager.NONE,
            step -> {
              if (step == crashAt) {
                throw new Crash();
              }
            });
    assertThatThrownBy(() -> crashing.finalizeUpdate(planId)).isInstanceOf(Crash.class);
    new UpdatePlanner(bed.folder, service.client(), Clock.systemUTC(), DiskSpace.REAL)
        .prepare(new UpdatePlanner.Request(bed.installId, "v-sekai", "stable", "0.2.0", true));
    assertThat(bed.folder.journal()).doesNotExist();
    // Once the journal says SWITCH the new release is complete, so the switch is rolled forward;
    // before that, the half-made new release is forgotten and the old one stays.
    Map<String, String> expected =
        crashAt == ReleaseSwitcher.Step.COMPLETE_NEW ? v1Contents : v2Contents;
    assertThat(Builds.contents(bed.folder.current())).isEqualTo(expected);
  }
}
