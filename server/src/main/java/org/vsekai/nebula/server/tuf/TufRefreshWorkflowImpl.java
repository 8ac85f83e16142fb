package org.vsekai.nebula.server.tuf;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Runs the refresh activity once, on the workflow's own queue ({@code nebula-service}); the
 * schedule starts the next run.
 */
public final class TufRefreshWorkflowImpl implements TufRefreshWorkflow {
  /**
   * A refresh is one short transaction and a few signatures, so a minute per attempt is plenty.
   * Eight attempts, about two minutes apart at most: a service restarting is back by then, and a
   * longer outage is the next scheduled run's to catch up on (a quarter of the freshness window
   * later).
   */
  static final ActivityOptions REFRESH =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setMaximumAttempts(8)
                  .build())
          .build();

  private final TufRefreshActivities activities =
      Workflow.newActivityStub(TufRefreshActivities.class, REFRESH);

  @Override
  public TufRefreshReport refresh() {
    return activities.refresh();
  }
}
