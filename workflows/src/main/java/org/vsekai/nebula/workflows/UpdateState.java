package org.vsekai.nebula.workflows;

/**
 * The states of an update, exactly the seed's state diagram, plus the two ends the diagram leaves
 * out: a failure and a cancellation.
 *
 * <pre>
 * Idle -> Checking -> NoUpdateFound
 *                  -> UpdateAvailable -> PreparingUpdate -> DownloadingUpdate -> ApplyingUpdate
 *                        -> FinalizingUpdate -> UpdateSuccessful
 * any state before FinalizingUpdate -> UpdateFailed | UpdateCancelled
 * FinalizingUpdate -> UpdateFailed (only if finalize itself fails non-retryably)
 * </pre>
 *
 * <p>An {@link UpdateWorkflow} is {@link #IDLE} only before it has run; it ends in its last state
 * so that the search attribute still says how it ended. "Back to Idle" in the seed is the install's
 * {@link LauncherWorkflow} returning to {@link LauncherState#IDLE}. Where a failed update failed is
 * in its failure message.
 */
public enum UpdateState {
  IDLE("Idle"),
  CHECKING("Checking"),
  NO_UPDATE_FOUND("NoUpdateFound"),
  UPDATE_AVAILABLE("UpdateAvailable"),
  PREPARING_UPDATE("PreparingUpdate"),
  DOWNLOADING_UPDATE("DownloadingUpdate"),
  APPLYING_UPDATE("ApplyingUpdate"),
  FINALIZING_UPDATE("FinalizingUpdate"),
  UPDATE_SUCCESSFUL("UpdateSuccessful"),
  /** Not in the seed: ended by a non-retryable failure or by retries running out. */
  UPDATE_FAILED("UpdateFailed"),
  /** Not in the seed: cancelled before FinalizingUpdate; the old install is untouched. */
  UPDATE_CANCELLED("UpdateCancelled");

  private final String label;

  UpdateState(String label) {
    this.label = label;
  }

  /** The seed's name, as in the {@code UpdateState} search attribute: {@code DownloadingUpdate}. */
  public String label() {
    return label;
  }

  /** Whether the workflow has ended in this state. */
  public boolean isTerminal() {
    return this == NO_UPDATE_FOUND
        || this == UPDATE_SUCCESSFUL
        || this == UPDATE_FAILED
        || this == UPDATE_CANCELLED;
  }
}
