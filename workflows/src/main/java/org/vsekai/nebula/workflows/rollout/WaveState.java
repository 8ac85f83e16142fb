package org.vsekai.nebula.workflows.rollout;

/** Where one wave is; the labels are the values of {@code rollout_wave_states.state}. */
public enum WaveState {
  /** Not started. */
  PENDING("Pending"),
  /** Its installs are being triggered, or their results awaited. */
  RUNNING("Running"),
  /** Its failure rate stayed within the threshold. */
  SUCCEEDED("Succeeded"),
  /** Its failure rate passed the threshold, or the rollout was aborted during it. */
  HALTED("Halted"),
  /** Never started: the rollout ended before it. */
  SKIPPED("Skipped");

  private final String label;

  WaveState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static WaveState ofLabel(String label) {
    for (WaveState s : values()) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no wave state '" + label + "'");
  }
}
