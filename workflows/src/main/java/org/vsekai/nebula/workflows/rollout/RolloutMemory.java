package org.vsekai.nebula.workflows.rollout;

import java.util.List;

/**
 * What one run of a {@link RolloutWorkflow} hands the next when it continues as new.
 *
 * @param waveIndex the wave running or next to run
 * @param waves every wave's progress
 * @param paused whether a pause is in force
 * @param pauseRecorded whether the tables say Paused
 */
public record RolloutMemory(
    int waveIndex, List<WaveProgress> waves, boolean paused, boolean pauseRecorded) {

  public RolloutMemory {
    waves = List.copyOf(waves);
  }
}
