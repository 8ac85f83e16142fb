package org.vsekai.nebula.workflows.rollout;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The service's side of a rollout, on {@code nebula-service}, implemented in the {@code server}
 * module: the rollout tables, the installs of a wave, and starting their updates. Every method is
 * idempotent, because Temporal may run an attempt twice.
 */
@ActivityInterface
public interface RolloutActivities {

  /** Records the rollout and its waves (Pending) and its state Running; nothing if recorded. */
  @ActivityMethod
  RolloutReceipt openRollout(RolloutOpening opening);

  /** Closes the rollout's current state and opens {@code change}'s. */
  @ActivityMethod
  RolloutReceipt recordRollout(RolloutStateChange change);

  /** Closes the wave's current state and opens {@code change}'s. */
  @ActivityMethod
  RolloutReceipt recordWave(WaveStateChange change);

  /**
   * Starts (or joins) the update of every install of the mode that the wave reaches and the rollout
   * has not reached yet, each {@code update-<installId>} on the install's own task queue, and
   * records each as the wave's target. Heartbeats; a cancelled or retried attempt leaves nothing
   * half done, and the next one skips the installs already reached.
   */
  @ActivityMethod
  WaveTriggered triggerWave(WaveTrigger trigger);

  /**
   * Counts the wave's results from the update-process tables (the updates record how they end on
   * the service's queue), and records the counts as the wave's progress when they changed.
   */
  @ActivityMethod
  WaveCounts pollWave(WavePoll poll);
}
