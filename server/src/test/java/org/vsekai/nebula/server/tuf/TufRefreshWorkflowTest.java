package org.vsekai.nebula.server.tuf;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.workflows.TaskQueues;

/** The scheduled workflow: one refresh activity on the service's queue, retried through a blip. */
@Tag("integration")
class TufRefreshWorkflowTest {
  private TestWorkflowEnvironment env;
  private final FlakyRefresh activities = new FlakyRefresh();

  /** Fails its first attempt, as a refresh during a database restart would. */
  static final class FlakyRefresh implements TufRefreshActivities {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public TufRefreshReport refresh() {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("database restarting");
      }
      return new TufRefreshReport(Map.of("timestamp", 7L));
    }
  }

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TaskQueues.SERVICE);
    worker.registerWorkflowImplementationTypes(TufRefreshWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aRunRefreshesOnceThroughATransientFailure() {
    TufRefreshWorkflow run =
        env.getWorkflowClient()
            .newWorkflowStub(
                TufRefreshWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(TaskQueues.SERVICE)
                    .setWorkflowId(TufRefreshSchedule.WORKFLOW_ID)
                    .build());

    TufRefreshReport report = run.refresh();

    assertThat(report.published()).containsExactly(Map.entry("timestamp", 7L));
    assertThat(activities.calls).hasValue(2);
  }
}
