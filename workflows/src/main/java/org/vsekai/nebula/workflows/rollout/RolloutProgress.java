package org.vsekai.nebula.workflows.rollout;

import java.util.List;

/**
 * What the {@code progress} query of a {@link RolloutWorkflow} returns.
 *
 * @param rolloutId the rollout
 * @param product the product
 * @param version the version it installs
 * @param mode the mode whose installs it reaches
 * @param state where it is
 * @param reason why it halted, was aborted or completed; null while it runs
 * @param currentWave index of the wave running or next to run; the number of waves once all ran
 * @param waves every wave, in order
 */
public record RolloutProgress(
    String rolloutId,
    String product,
    String version,
    String mode,
    RolloutState state,
    String reason,
    int currentWave,
    List<WaveProgress> waves) {

  public RolloutProgress {
    waves = List.copyOf(waves);
  }
}
