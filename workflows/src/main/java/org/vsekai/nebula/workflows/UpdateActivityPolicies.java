package org.vsekai.nebula.workflows;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Timeouts and retry policies of the update's activities, each with the reason for its values.
 *
 * <p>Common to all: the failure types in {@link UpdateFailures#NON_RETRYABLE} are never retried,
 * and backoff doubles from 1 s up to a cap, so a player who comes back online after hours is picked
 * up within that cap. Every step on the install's machine also has a deadline ({@link
 * #givingUpAfter}): transient failures are retried until then, never forever, so every update ends
 * and its id is free for the next.
 */
public final class UpdateActivityPolicies {

  /**
   * A worker killed mid-step is noticed after this long and the step retried on the next worker;
   * short enough for a crash to cost seconds, long enough for a busy disk not to trip it.
   */
  public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);

  /** Backoff cap for steps that wait on the network or on a locked file. */
  public static final Duration MAX_RETRY_INTERVAL = Duration.ofMinutes(1);

  /**
   * Attempts for prepare and apply: about a quarter of an hour of transient errors (a file locked
   * by a running game or a virus scanner). Nothing has changed in the install yet, so after that a
   * clear failure serves the player better than an update silently stuck retrying.
   */
  public static final int LOCAL_STEP_ATTEMPTS = 20;

  /**
   * How long each step is retried through transient failures when the install's policy does not say
   * ({@link UpdateRequest#retryFor()}): a weekend offline resumes where it stopped; past that the
   * update ends failed and the next check starts afresh, keeping the fetched chunks.
   */
  public static final Duration DEFAULT_RETRY_FOR = Duration.ofDays(2);

  /** The longest an install's policy may ask for: as long as a requested check waits. */
  public static final Duration MAX_RETRY_FOR = Duration.ofDays(30);

  /** Attempts of check once a worker took it: a few minutes of backoff, then a clear failure. */
  public static final int CHECK_ATTEMPTS = 10;

  /**
   * How long a periodic check waits for the install's worker. A worker that runs polls all the time
   * and takes a task in milliseconds, so five minutes without one means the player is offline: the
   * update ends {@code INSTALL_OFFLINE} and the launcher stops checking until the worker is back,
   * instead of scheduling work for an absent machine every interval.
   */
  public static final Duration SCHEDULED_CHECK_WAIT = Duration.ofMinutes(5);

  /**
   * How long an update a player, support staff or a rollout asked for waits for an offline
   * install's worker. It costs one open workflow and nothing else while it waits, and a player back
   * within a month gets it; past that the install is likely gone.
   */
  public static final Duration REQUESTED_CHECK_WAIT = Duration.ofDays(30);

  /**
   * check: one HTTP call, so a minute per attempt and {@link #CHECK_ATTEMPTS} attempts. The wait
   * for a worker to take it is the request's, else depends on who asked ({@link
   * #SCHEDULED_CHECK_WAIT}, {@link #REQUESTED_CHECK_WAIT}); a check that waits out that time is not
   * retried.
   */
  public static ActivityOptions check(UpdateRequest request) {
    Duration wait = request.workerWait();
    if (wait == null) {
      wait =
          request.trigger() == UpdateTrigger.SCHEDULED
              ? SCHEDULED_CHECK_WAIT
              : REQUESTED_CHECK_WAIT;
    }
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(1))
        .setScheduleToStartTimeout(wait)
        .setRetryOptions(retry(MAX_RETRY_INTERVAL, CHECK_ATTEMPTS))
        // Reads only: nothing to wait for when the update is cancelled.
        .setCancellationType(ActivityCancellationType.TRY_CANCEL)
        .build();
  }

  /** The request's retry deadline, or the default. */
  public static Duration retryFor(UpdateRequest request) {
    return request.retryFor() == null ? DEFAULT_RETRY_FOR : request.retryFor();
  }

  /**
   * {@code policy} with a deadline for all its attempts together, the wait for a worker included:
   * past it the step fails with a schedule-to-close timeout and the update ends.
   */
  public static ActivityOptions givingUpAfter(ActivityOptions policy, Duration retryFor) {
    return ActivityOptions.newBuilder(policy).setScheduleToCloseTimeout(retryFor).build();
  }

  /**
   * {@code policy} addressed to the install's own queue: every step but record runs on the player's
   * machine.
   */
  public static ActivityOptions onInstall(ActivityOptions policy, String installId) {
    return ActivityOptions.newBuilder(policy)
        .setTaskQueue(TaskQueues.forInstall(installId))
        .build();
  }

  /**
   * prepare: re-hashing the files that do not match the installed manifest can take many minutes on
   * a large install, hence an hour per attempt, with heartbeats to notice a dead worker. Waits for
   * a cancelled attempt to stop so discardStaging cannot race it.
   */
  public static final ActivityOptions PREPARE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofHours(1))
          .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
          .setRetryOptions(retry(MAX_RETRY_INTERVAL, LOCAL_STEP_ATTEMPTS))
          .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
          .build();

  /**
   * downloadChunks, one batch: retried up to the update's deadline rather than a count, because a
   * player may be offline for hours or days and every attempt resumes from the cache, so retrying
   * costs nothing already fetched. Two hours per attempt fits a batch under a low bandwidth cap; an
   * attempt that runs out only restarts from the cache. Waits for a cancelled attempt to stop
   * (pause, cancel) so two attempts never fetch into the cache at once.
   */
  public static final ActivityOptions DOWNLOAD =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofHours(2))
          .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
          .setRetryOptions(retry(MAX_RETRY_INTERVAL, 0))
          .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
          .build();

  /**
   * apply: assembling gigabytes from cache and seeds takes minutes, hence two hours per attempt.
   * Attempts as prepare, and waits for a cancelled attempt for the same reason.
   */
  public static final ActivityOptions APPLY =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofHours(2))
          .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
          .setRetryOptions(retry(MAX_RETRY_INTERVAL, LOCAL_STEP_ATTEMPTS))
          .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
          .build();

  /**
   * finalizeUpdate: retried up to the update's deadline with a short backoff cap, because once the
   * swap has begun only finalize's journal can make the install whole again: it must roll forward
   * as soon as a worker is back. Should the deadline pass, the install is still whole (the old
   * release or the new one, by the journal) and the next update's prepare completes the switch.
   * Renames within one volume, so an hour per attempt is plenty.
   */
  public static final ActivityOptions FINALIZE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofHours(1))
          .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
          .setRetryOptions(retry(Duration.ofSeconds(30), 0))
          .build();

  /**
   * updateRegistry: a handful of registry values take well under a second, so an attempt that has
   * not answered in 30 s is lost (its worker died, or the task never reached it) and is tried again
   * rather than waited for; retried up to the update's deadline because the files are already new
   * and the registry must follow them (the next update writes it again).
   */
  public static final ActivityOptions REGISTRY =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(retry(MAX_RETRY_INTERVAL, 0))
          .build();

  /**
   * discardStaging: given an hour in all. If the player's worker does not come back by then the
   * update ends anyway: the staging left behind is harmless, and the next prepare drops it.
   */
  public static final ActivityOptions DISCARD_STAGING =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(10))
          .setScheduleToCloseTimeout(Duration.ofHours(1))
          .setRetryOptions(retry(MAX_RETRY_INTERVAL, 0))
          .build();

  /**
   * record, on the service's queue: bookkeeping must not hold a player's update hostage, so ten
   * minutes in all; after that the workflow logs the loss and ends as it would have.
   */
  public static final ActivityOptions RECORD =
      ActivityOptions.newBuilder()
          .setTaskQueue(TaskQueues.SERVICE)
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofMinutes(10))
          .setRetryOptions(retry(Duration.ofSeconds(30), 0))
          .build();

  private UpdateActivityPolicies() {}

  /** Backoff from 1 s doubling to {@code maxInterval}; {@code maxAttempts} 0 for no limit. */
  private static RetryOptions retry(Duration maxInterval, int maxAttempts) {
    return RetryOptions.newBuilder()
        .setInitialInterval(Duration.ofSeconds(1))
        .setBackoffCoefficient(2.0)
        .setMaximumInterval(maxInterval)
        .setMaximumAttempts(maxAttempts)
        .setDoNotRetry(UpdateFailures.NON_RETRYABLE.toArray(new String[0]))
        .build();
  }
}
