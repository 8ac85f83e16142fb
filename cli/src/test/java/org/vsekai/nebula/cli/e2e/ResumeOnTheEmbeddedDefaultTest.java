package org.vsekai.nebula.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.activities.LocalProgress;
import org.vsekai.nebula.activities.local.InstallState;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.activities.testing.Builds;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.cli.CliRig;
import org.vsekai.nebula.cli.SupportTemporal;
import org.vsekai.nebula.cli.commands.PublishCommand;
import org.vsekai.nebula.cli.demo.SampleGameBuilder;
import org.vsekai.nebula.desync.ChunkSizes;
import org.vsekai.nebula.workflows.UpdateActivityPolicies;
import org.vsekai.nebula.workflows.WorkflowIds;

/**
 * What a new user does on the embedded default ({@code vsekai server --embedded-temporal}, what
 * {@code vsekai demo} runs): {@code vsekai --update} killed -9 mid-download, then run again. The
 * rerun takes the download up again within seconds and the install ends on the new build.
 */
@Tag("integration")
class ResumeOnTheEmbeddedDefaultTest {
  /**
   * Taken up again at once, not after the dead attempt's heartbeat timeout (30 s or more); the time
   * itself is printed, as in {@code UpdateCrashEndToEndTest}.
   */
  private static final Duration RESUME_LIMIT =
      UpdateActivityPolicies.HEARTBEAT_TIMEOUT.dividedBy(2);

  @TempDir Path dir;

  @Test
  void aKilledUpdateRunAgainResumesAtOnceAndCompletes() throws Exception {
    try (CliRig rig = new CliRig(dir)) {
      SampleGameBuilder builder = new SampleGameBuilder(40);
      Path v1 = builder.firstVersion(dir.resolve("builds/0.1.0"), "0.1.0");
      Path v2 = builder.nextVersion(v1, dir.resolve("builds/0.2.0"), "0.2.0");
      ServiceClient publisher = new ServiceClient(rig.nebula.baseUrl(), rig.token());
      PublishCommand.publish(
          publisher, "v-sekai", "0.1.0", "stable", "v-sekai.x86_64", ChunkSizes.DEFAULT, v1);
      LauncherFolder folder = new LauncherFolder(dir.resolve("launcher"));
      InstallState state = EndToEndRig.register(rig.nebula, folder, "stable", false);
      Path log = dir.resolve("vsekai.log");
      List<String> update = List.of("--update", folder.root().toString(), "--max-rate", "2M");
      assertThat(
              WorkerProcess.vsekai(List.of("--update", folder.root().toString()), log, Map.of())
                  .waitFor(Duration.ofMinutes(3)))
          .isZero();
      PublishCommand.publish(
          publisher, "v-sekai", "0.2.0", "stable", "v-sekai.x86_64", ChunkSizes.DEFAULT, v2);

      WorkflowClient support = SupportTemporal.connect(rig.temporal.address());
      try {
        WorkerProcess first = WorkerProcess.vsekai(update, log, Map.of());
        awaitDownloading(folder);
        int attempt = startedAttempt(support, state, "DownloadChunks");
        first.kill9();

        long rerunAt = System.nanoTime();
        Instant rerunInstant = Instant.now();
        WorkerProcess rerun = WorkerProcess.vsekai(update, log, Map.of());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        // Taken up again: a later attempt started, or the rerun's worker wrote progress.
        while (startedAttempt(support, state, "DownloadChunks") <= attempt
            && !progressSince(folder, rerunInstant)
            && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        Duration resumed = Duration.ofNanos(System.nanoTime() - rerunAt);
        System.out.printf(
            "embedded default: the rerun of vsekai --update took the download up again in %.1f s%n",
            resumed.toMillis() / 1000.0);
        assertThat(resumed).isLessThan(RESUME_LIMIT);
        assertThat(rerun.waitFor(Duration.ofMinutes(3))).as(Files.readString(log)).isZero();
      } finally {
        support.getWorkflowServiceStubs().shutdownNow();
      }
      assertThat(Builds.contents(folder.current())).isEqualTo(Builds.contents(v2));
    }
  }

  private static void awaitDownloading(LauncherFolder folder) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      LocalProgress p = EndToEndRig.progress(folder);
      if (p != null && p.step().equals("DownloadingUpdate") && p.bytesDone() >= (1L << 20)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the download never got under way");
  }

  private static List<PendingActivityInfo> pending(WorkflowClient support, InstallState state) {
    return support
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setExecution(
                    WorkflowExecution.newBuilder()
                        .setWorkflowId(WorkflowIds.update(state.installId())))
                .build())
        .getPendingActivitiesList();
  }

  private static int startedAttempt(WorkflowClient support, InstallState state, String type) {
    for (PendingActivityInfo step : pending(support, state)) {
      if (step.getActivityType().getName().equals(type)
          && step.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED) {
        return step.getAttempt();
      }
    }
    return 0;
  }

  private static boolean progressSince(LauncherFolder folder, Instant since) {
    LocalProgress p = EndToEndRig.progress(folder);
    return p != null && p.at() != null && p.at().isAfter(since);
  }
}
