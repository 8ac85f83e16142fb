package org.vsekai.nebula.workflows.rollout;

import java.util.List;

/**
 * How a rollout ended.
 *
 * @param rolloutId the rollout
 * @param state COMPLETED, HALTED or ABORTED
 * @param reason why, in one line
 * @param waves every wave as it ended
 */
public record RolloutResult(
    String rolloutId, RolloutState state, String reason, List<WaveProgress> waves) {

  public RolloutResult {
    waves = List.copyOf(waves);
  }
}
