package org.vsekai.nebula.workflows.rollout;

/** Where a rollout is; the labels are the values of {@code rollout_states.state}. */
public enum RolloutState {
  /** Waves are being triggered or awaited. */
  RUNNING("Running"),
  /** No new wave and no new install is triggered until resumed; results are still counted. */
  PAUSED("Paused"),
  /** Stopped by itself: a wave's failure rate passed the threshold. */
  HALTED("Halted"),
  /** Stopped by a release engineer. */
  ABORTED("Aborted"),
  /** Every wave succeeded. */
  COMPLETED("Completed");

  private final String label;

  RolloutState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean ended() {
    return this == HALTED || this == ABORTED || this == COMPLETED;
  }

  public static RolloutState ofLabel(String label) {
    for (RolloutState s : values()) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no rollout state '" + label + "'");
  }
}
