package org.vsekai.nebula.workflows.rollout;

import java.time.Instant;

/**
 * One wave as the rollout sees it.
 *
 * @param index 0 for the first wave
 * @param percent the cumulative share of the fleet it reaches
 * @param state where it is
 * @param counts its updates' results so far
 * @param deadlineAt when it stops waiting; null until its installs have all been triggered
 * @param reason why it ended as it did; null while it runs
 */
public record WaveProgress(
    int index, int percent, WaveState state, WaveCounts counts, Instant deadlineAt, String reason) {

  public static WaveProgress pending(int index, int percent) {
    return new WaveProgress(index, percent, WaveState.PENDING, WaveCounts.NONE, null, null);
  }

  public WaveProgress withState(WaveState newState, String why) {
    return new WaveProgress(index, percent, newState, counts, deadlineAt, why);
  }

  public WaveProgress withCounts(WaveCounts newCounts) {
    return new WaveProgress(index, percent, state, newCounts, deadlineAt, reason);
  }

  public WaveProgress awaitingUntil(Instant deadline) {
    return new WaveProgress(index, percent, state, counts, deadline, reason);
  }

  /** Label for messages: "wave 2 (10%)". */
  public String label() {
    return "wave " + (index + 1) + " (" + percent + "%)";
  }
}
