package org.vsekai.nebula.workflows.rollout;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import org.vsekai.nebula.workflows.TaskQueues;

/**
 * Timeouts and retries of the rollout's activities, all on the service's queue. None gives up on a
 * service that is down: a rollout waits for it rather than deciding anything without its tables.
 * Only the failures in {@link RolloutFailures#NON_RETRYABLE} end it.
 */
public final class RolloutActivityPolicies {

  /** A service that restarts is retried within half a minute. */
  public static final Duration MAX_RETRY_INTERVAL = Duration.ofSeconds(30);

  /** Records: one short transaction each. */
  public static final ActivityOptions RECORD =
      ActivityOptions.newBuilder()
          .setTaskQueue(TaskQueues.SERVICE)
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(retry())
          .build();

  /**
   * triggerWave: a wave of half a million installs takes many minutes of starting workflows, so two
   * hours per attempt, and a heartbeat after every page of installs to notice a service that died
   * (its next attempt skips what the dead one reached). A pause or abort cancels it at its next
   * heartbeat and waits for it to stop, so two attempts never trigger at once.
   */
  public static final ActivityOptions TRIGGER =
      ActivityOptions.newBuilder()
          .setTaskQueue(TaskQueues.SERVICE)
          .setStartToCloseTimeout(Duration.ofHours(2))
          .setHeartbeatTimeout(Duration.ofMinutes(1))
          .setRetryOptions(retry())
          .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
          .build();

  /** pollWave: one aggregate over the wave's targets; seconds even for a large wave. */
  public static final ActivityOptions POLL =
      ActivityOptions.newBuilder()
          .setTaskQueue(TaskQueues.SERVICE)
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(retry())
          .build();

  private RolloutActivityPolicies() {}

  private static RetryOptions retry() {
    return RetryOptions.newBuilder()
        .setInitialInterval(Duration.ofSeconds(1))
        .setBackoffCoefficient(2.0)
        .setMaximumInterval(MAX_RETRY_INTERVAL)
        .setMaximumAttempts(0)
        .setDoNotRetry(RolloutFailures.NON_RETRYABLE.toArray(new String[0]))
        .build();
  }
}
