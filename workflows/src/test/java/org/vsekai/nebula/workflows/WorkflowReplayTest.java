package org.vsekai.nebula.workflows;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowHistoryLoader;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.workflows.rollout.RolloutWorkflowImpl;

/**
 * Histories recorded from earlier code (see {@link RecordReplayHistories}) replayed against
 * today's: a change that would break workflows running on players' machines fails here. Such a
 * change needs {@code Workflow.getVersion}, not a new recording.
 */
@Tag("integration")
class WorkflowReplayTest {

  /** Recorded when workflows still ran on the install's own queue, before the trust boundary. */
  private static final String UPDATE = "histories/update-with-pause.json";

  private static final String LAUNCHER = "histories/launcher-three-updates.json";

  /** Recorded with workflows on the service's queue and the install-offline change in place. */
  private static final String UPDATE_ON_SERVICE = "histories/update-with-pause-on-service.json";

  /** Recorded once every step on the install had a deadline (the bounded-steps change). */
  private static final String UPDATE_BOUNDED = "histories/update-with-pause-bounded-steps.json";

  /** A rollout of three waves, paused and resumed on the way (see RecordRolloutHistory). */
  private static final String ROLLOUT = "histories/rollout-paused-three-waves.json";

  private static final String LAUNCHER_ON_SERVICE =
      "histories/launcher-three-updates-on-service.json";

  @Test
  void aRecordedUpdateReplays() throws Exception {
    replay(UPDATE, UpdateWorkflowImpl.class);
    replay(UPDATE_ON_SERVICE, UpdateWorkflowImpl.class);
    replay(UPDATE_BOUNDED, UpdateWorkflowImpl.class);
  }

  @Test
  void aRecordedLauncherReplays() throws Exception {
    replay(LAUNCHER, LauncherWorkflowImpl.class);
    replay(LAUNCHER_ON_SERVICE, LauncherWorkflowImpl.class);
  }

  @Test
  void aRecordedRolloutReplays() throws Exception {
    replay(ROLLOUT, RolloutWorkflowImpl.class);
  }

  @Test
  void anIncompatibleChangeFailsTheReplay() {
    assertThatThrownBy(() -> replay(UPDATE, NondeterministicUpdateWorkflow.class))
        .hasStackTraceContaining("NonDeterministicException");
  }

  private static void replay(String resource, Class<?> workflow) throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      // The first replay in a cold JVM loads many classes; on a busy machine that can exceed the
      // default 1 s deadlock detection and fail the replay for a reason that is not the code's.
      Worker worker =
          env.newWorker(
              "replay",
              WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(10_000).build());
      worker.registerWorkflowImplementationTypes(workflow);
      WorkflowReplayer.replayWorkflowExecution(
          WorkflowHistoryLoader.readHistoryFromResource(resource), worker);
    }
  }
}
