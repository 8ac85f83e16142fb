package org.vsekai.nebula.server.patches;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** One activity with bounded retries: a release whose patches keep failing is served by chunks. */
public final class PatchWorkflowImpl implements PatchWorkflow {
  /**
   * A large release's patches take minutes of CPU; the heartbeat after each patch shows the work is
   * alive. Five attempts cover a service restart; after that the failure is in the data and the
   * release stays on chunks, which is always correct.
   */
  static final ActivityOptions MAKE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofHours(6))
          .setHeartbeatTimeout(Duration.ofMinutes(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(5))
                  .setBackoffCoefficient(3.0)
                  .setMaximumInterval(Duration.ofMinutes(10))
                  .setMaximumAttempts(5)
                  .build())
          .build();

  private final PatchActivities activities = Workflow.newActivityStub(PatchActivities.class, MAKE);

  @Override
  public int makePatches(String product, String version) {
    return activities.makePatches(product, version);
  }
}
