package org.vsekai.nebula.server.rollout;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.util.UUID;
import java.util.function.Supplier;
import org.vsekai.nebula.api.InvalidVersionException;
import org.vsekai.nebula.schema.RecordConflictException;
import org.vsekai.nebula.schema.RecordNotFoundException;
import org.vsekai.nebula.schema.RolloutRepository;
import org.vsekai.nebula.schema.WaveTally;
import org.vsekai.nebula.workflows.rollout.RolloutActivities;
import org.vsekai.nebula.workflows.rollout.RolloutFailures;
import org.vsekai.nebula.workflows.rollout.RolloutOpening;
import org.vsekai.nebula.workflows.rollout.RolloutReceipt;
import org.vsekai.nebula.workflows.rollout.RolloutStateChange;
import org.vsekai.nebula.workflows.rollout.WaveCounts;
import org.vsekai.nebula.workflows.rollout.WavePoll;
import org.vsekai.nebula.workflows.rollout.WaveState;
import org.vsekai.nebula.workflows.rollout.WaveStateChange;
import org.vsekai.nebula.workflows.rollout.WaveTrigger;
import org.vsekai.nebula.workflows.rollout.WaveTriggered;

/**
 * The rollout's activities on the service's worker: thin adapters over {@link RolloutRepository}
 * and {@link WaveTriggerer}. What the tables refuse (an unknown version, a rollout that has ended)
 * is refused again on every retry, so it becomes a non-retryable {@link
 * RolloutFailures#ROLLOUT_REFUSED}; anything else (the database or Temporal unreachable) is
 * retried.
 */
public final class RolloutActivitiesImpl implements RolloutActivities {
  private final RolloutRepository rollouts;
  private final WaveTriggerer triggerer;

  public RolloutActivitiesImpl(RolloutRepository rollouts, WaveTriggerer triggerer) {
    this.rollouts = rollouts;
    this.triggerer = triggerer;
  }

  @Override
  public RolloutReceipt openRollout(RolloutOpening opening) {
    return refusals(
        () ->
            new RolloutReceipt(
                rollouts.open(NewRollouts.of(opening.request(), opening.workflowId())).created()));
  }

  @Override
  public RolloutReceipt recordRollout(RolloutStateChange change) {
    return refusals(
        () ->
            new RolloutReceipt(
                rollouts.recordState(
                    UUID.fromString(change.rolloutId()), change.state().label(), change.reason())));
  }

  @Override
  public RolloutReceipt recordWave(WaveStateChange c) {
    return refusals(
        () ->
            new RolloutReceipt(
                rollouts.recordWaveState(
                    UUID.fromString(c.rolloutId()),
                    c.waveIndex(),
                    c.state().label(),
                    c.counts().targeted(),
                    c.counts().succeeded(),
                    c.counts().failed(),
                    c.reason())));
  }

  @Override
  public WaveTriggered triggerWave(WaveTrigger trigger) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    // The heartbeat is also how a pause or abort reaches this attempt: it throws once cancelled.
    return refusals(() -> triggerer.trigger(trigger, () -> context.heartbeat(null)));
  }

  @Override
  public WaveCounts pollWave(WavePoll poll) {
    UUID rolloutId = UUID.fromString(poll.rolloutId());
    WaveTally t = refusals(() -> rollouts.tally(rolloutId, poll.waveIndex()));
    try {
      // The counts as the wave's progress over time; a no-op while they stay the same.
      rollouts.recordWaveState(
          rolloutId,
          poll.waveIndex(),
          WaveState.RUNNING.label(),
          t.targeted(),
          t.succeeded(),
          t.failed(),
          null);
    } catch (RecordConflictException judged) {
      // A late count of a wave already judged: the judgement stands, the counts are still news.
    }
    return new WaveCounts(t.targeted(), t.succeeded(), t.failed(), t.cancelled(), t.firstFailure());
  }

  private static <T> T refusals(Supplier<T> call) {
    try {
      return call.get();
    } catch (RecordNotFoundException | RecordConflictException | InvalidVersionException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          e.getMessage(), RolloutFailures.ROLLOUT_REFUSED, e);
    }
  }
}
