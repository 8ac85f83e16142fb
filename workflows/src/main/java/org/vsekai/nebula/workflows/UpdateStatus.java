package org.vsekai.nebula.workflows;

/**
 * What the {@code status} query of an {@link UpdateWorkflow} returns.
 *
 * @param state the state the update is in
 * @param paused whether a {@code pause} is in force (the update waits before its next step)
 * @param cancelRequested whether a {@code cancel} was accepted and is being carried out
 * @param cancellable whether a {@code cancel} would still be honoured: false from FinalizingUpdate
 *     on, and once the update has ended
 * @param fromVersion the installed version; null until Checking has read it or for an empty folder
 * @param toVersion the version being installed; null until one was found
 * @param progress how far the download and the staging have come
 * @param failure the failure message once the update failed; null otherwise
 */
public record UpdateStatus(
    UpdateState state,
    boolean paused,
    boolean cancelRequested,
    boolean cancellable,
    String fromVersion,
    String toVersion,
    UpdateProgress progress,
    String failure) {

  /** This status with another progress; for clients merging in heartbeats. */
  public UpdateStatus withProgress(UpdateProgress newProgress) {
    return new UpdateStatus(
        state, paused, cancelRequested, cancellable, fromVersion, toVersion, newProgress, failure);
  }
}
