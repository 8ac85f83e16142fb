package org.vsekai.nebula.api.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A rollout: what it rolls out where, its state now and over time, and each wave's progress.
 *
 * @param rolloutId the rollout
 * @param product the product
 * @param version the version it installs
 * @param mode the mode whose installs it reaches
 * @param maxFailureRate the failure threshold a wave must not pass
 * @param workflowId the Temporal workflow running it (search {@code RolloutId="<rolloutId>"} in the
 *     UI for it and every update it started)
 * @param createdAt when it was started
 * @param state Running, Paused, Halted, Aborted or Completed
 * @param reason why it is in that state (a halt's failure rate and a sample failure); may be null
 * @param waves every wave in order
 * @param states its states over time, oldest first
 */
public record RolloutInfo(
    UUID rolloutId,
    String product,
    String version,
    String mode,
    double maxFailureRate,
    String workflowId,
    Instant createdAt,
    String state,
    String reason,
    List<WaveInfo> waves,
    List<StatePeriod> states) {

  public RolloutInfo {
    waves = waves == null ? List.of() : List.copyOf(waves);
    states = states == null ? List.of() : List.copyOf(states);
  }

  /**
   * One wave. The counts are live: updates that end after the wave was judged still count here (the
   * judgement's own counts are in {@code reason}).
   *
   * @param index 0 for the first wave
   * @param percent the cumulative share of the fleet it reaches
   * @param deadlineSeconds how long it waits for results
   * @param state Pending, Running, Succeeded, Halted or Skipped
   * @param reason why it ended so; null while pending or running
   * @param since when it entered its state
   * @param targeted installs it reached
   * @param succeeded their updates that succeeded
   * @param failed those that failed
   * @param cancelled those cancelled by a player or support staff
   */
  public record WaveInfo(
      int index,
      int percent,
      long deadlineSeconds,
      String state,
      String reason,
      Instant since,
      long targeted,
      long succeeded,
      long failed,
      long cancelled) {

    /** Updates not ended: running, or waiting for an install that is offline. */
    public long unfinished() {
      return Math.max(0, targeted - succeeded - failed - cancelled);
    }
  }

  /** One state of the rollout and the period it was in it. */
  public record StatePeriod(String state, String reason, Instant validFrom, Instant validTo) {}
}
