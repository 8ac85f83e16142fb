package org.vsekai.nebula.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.when;
import static org.vsekai.nebula.workflows.WorkflowTestBed.INSTALL_ID;
import static org.vsekai.nebula.workflows.WorkflowTestBed.MODE;
import static org.vsekai.nebula.workflows.WorkflowTestBed.PRODUCT;
import static org.vsekai.nebula.workflows.WorkflowTestBed.TO;
import static org.vsekai.nebula.workflows.WorkflowTestBed.await;
import static org.vsekai.nebula.workflows.WorkflowTestBed.downloadUntilCancelled;
import static org.vsekai.nebula.workflows.WorkflowTestBed.fullBatch;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.vsekai.nebula.workflows.activities.CheckResult;
import org.vsekai.nebula.workflows.client.UpdateHandle;

/**
 * Not a test: the tool that records the histories {@link WorkflowReplayTest} replays. Run it only
 * when a workflow change is deliberately incompatible (and versioned), never to make a failing
 * replay pass:
 *
 * <pre>mvn -B -q test -pl workflows -Dtest=RecordReplayHistories -Dnebula.recordHistories=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "nebula.recordHistories", matches = "true")
class RecordReplayHistories {

  private static final Path DIR = Path.of("src/test/resources/histories");

  /** An update through every state, with a failed attempt, a pause and a resume on the way. */
  @Test
  void recordAnUpdate() throws Exception {
    try (WorkflowTestBed bed = new WorkflowTestBed()) {
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch stopped = new CountDownLatch(1);
      doThrow(new IllegalStateException("lost connection"))
          .doReturn(WorkflowTestBed.PLAN)
          .when(bed.activities)
          .prepare(any());
      doAnswer(invocation -> fullBatch(invocation.getArgument(0)))
          .doAnswer(downloadUntilCancelled(started, stopped))
          .doAnswer(invocation -> fullBatch(invocation.getArgument(0)))
          .when(bed.activities)
          .downloadChunks(any());
      UpdateHandle update = bed.start();
      await(started);
      update.pause();
      await(stopped);
      bed.env.sleep(Duration.ofMinutes(10));
      update.resume();
      assertThat(update.result().outcome()).isEqualTo(UpdateOutcome.UPDATED);
      write(bed, "update-with-pause-bounded-steps.json", update.workflowId(), update.runId());
    }
  }

  /** A launcher: a periodic check, an updateNow that updates, another periodic check. */
  @Test
  void recordALauncher() throws Exception {
    try (WorkflowTestBed bed = new WorkflowTestBed()) {
      when(bed.activities.check(any())).thenReturn(new CheckResult(TO, TO));
      LauncherWorkflow launcher =
          bed.client.newWorkflowStub(
              LauncherWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(WorkflowIds.launcher(INSTALL_ID))
                  .setTaskQueue(TaskQueues.SERVICE)
                  .build());
      LauncherConfig config =
          new LauncherConfig(INSTALL_ID, PRODUCT, MODE, Duration.ofHours(1), false, 0, null, null);
      WorkflowExecution run = WorkflowClient.start(launcher::run, LauncherInput.start(config));
      bed.env.sleep(Duration.ofMinutes(30));
      when(bed.activities.check(any())).thenReturn(new CheckResult(WorkflowTestBed.FROM, TO));
      launcher.updateNow(UpdateNowRequest.manual());
      bed.env.sleep(Duration.ofMinutes(100));
      assertThat(launcher.status().updatesRun()).isEqualTo(3);
      // Recorded while it waits for its next check: the replayer cannot replay a termination.
      write(bed, "launcher-three-updates-on-service.json", run.getWorkflowId(), run.getRunId());
    }
  }

  private static void write(WorkflowTestBed bed, String name, String workflowId, String runId)
      throws IOException {
    Files.createDirectories(DIR);
    String json = bed.client.fetchHistory(workflowId, runId).toJson(true);
    Files.writeString(DIR.resolve(name), json, StandardCharsets.UTF_8);
  }
}
