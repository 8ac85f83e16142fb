package org.vsekai.nebula.workflows.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.vsekai.nebula.workflows.NebulaSearchAttributes;
import org.vsekai.nebula.workflows.TaskQueues;

/**
 * Not a test: records the rollout history {@code WorkflowReplayTest} replays, so a change to the
 * rollout that breaks running rollouts fails there. Run only when a change is deliberately
 * incompatible (and versioned):
 *
 * <pre>mvn -B -q test -pl workflows -Dtest=RecordRolloutHistory -Dnebula.recordHistories=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "nebula.recordHistories", matches = "true")
class RecordRolloutHistory {
  private static final String ROLLOUT_ID = "7d3c0c5e-0000-4000-8000-0000000000aa";

  /** Three waves, paused and resumed between the first two, every install succeeding. */
  @Test
  void recordARollout() throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      for (SearchAttributeKey<String> key : NebulaSearchAttributes.ALL) {
        env.registerSearchAttribute(key.getName(), key.getValueType());
      }
      Worker worker = env.newWorker(TaskQueues.SERVICE);
      worker.registerWorkflowImplementationTypes(RolloutWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          new FakeRolloutService(wave -> 10L, FakeRolloutService::allSucceeded));
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      RolloutWorkflow rollout =
          client.newWorkflowStub(
              RolloutWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(RolloutIds.workflowId(ROLLOUT_ID))
                  .setTaskQueue(TaskQueues.SERVICE)
                  .build());
      WorkflowExecution run =
          WorkflowClient.start(
              rollout::run,
              RolloutInput.start(
                  new RolloutRequest(
                      ROLLOUT_ID,
                      "v-sekai",
                      "0.2.0",
                      "stable",
                      List.of(10, 50, 100),
                      0.2,
                      Duration.ofHours(1),
                      Duration.ofMinutes(1))));
      rollout.pause();
      env.sleep(Duration.ofMinutes(5));
      rollout.resume();
      RolloutResult result = WorkflowStub.fromTyped(rollout).getResult(RolloutResult.class);
      assertThat(result.state()).isEqualTo(RolloutState.COMPLETED);
      Path dir = Path.of("src/test/resources/histories");
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("rollout-paused-three-waves.json"),
          client.fetchHistory(run.getWorkflowId(), run.getRunId()).toJson(true),
          StandardCharsets.UTF_8);
    }
  }
}
