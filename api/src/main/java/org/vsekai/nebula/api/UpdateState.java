package org.vsekai.nebula.api;

/**
 * The states of one update, the seed's diagram plus the two ways an update ends early. An update
 * moves forward through {@link #step()} order; {@link #UpdateFailed} and {@link #UpdateCancelled}
 * may follow any state that is not final.
 *
 * <p>The constants are spelled as in the seed's diagram so that JSON, database rows and Temporal
 * search attributes all carry the same words.
 */
public enum UpdateState {
  Checking(0, false),
  NoUpdateFound(1, true),
  UpdateAvailable(1, false),
  PreparingUpdate(2, false),
  DownloadingUpdate(3, false),
  ApplyingUpdate(4, false),
  FinalizingUpdate(5, false),
  UpdateSuccessful(6, true),
  UpdateFailed(7, true),
  UpdateCancelled(7, true);

  private final int step;
  private final boolean terminal;

  UpdateState(int step, boolean terminal) {
    this.step = step;
    this.terminal = terminal;
  }

  /** Position in the diagram; later states have higher steps. */
  public int step() {
    return step;
  }

  /** True for the states an update ends in. */
  public boolean terminal() {
    return terminal;
  }

  /** Whether an update in {@code previous} may move to this state. */
  public boolean mayFollow(UpdateState previous) {
    if (previous.terminal) {
      return false;
    }
    if (this == UpdateFailed || this == UpdateCancelled) {
      return true;
    }
    if (this == NoUpdateFound) {
      return previous == Checking;
    }
    return step > previous.step;
  }
}
