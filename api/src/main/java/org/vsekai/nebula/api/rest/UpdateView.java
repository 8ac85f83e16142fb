package org.vsekai.nebula.api.rest;

/**
 * An install's latest update as its player and support staff see it: {@code GET
 * /api/v1/installs/{id}/update}, and the answer to starting, pausing, resuming or cancelling it.
 *
 * @param state the seed's state (Idle, Checking, ..., UpdateSuccessful, UpdateFailed,
 *     UpdateCancelled)
 * @param running whether the update is still under way
 * @param paused whether a pause holds it
 * @param cancellable whether a cancel would still leave the install as it was
 * @param progress download and apply progress, the running step's last heartbeat included
 * @param outcome how an update that did not fail ended: UPDATED, NO_UPDATE, CANCELLED,
 *     INSTALL_OFFLINE; null while it runs or when it failed
 * @param failureType the failure's type (e.g. BadSignature, CorruptChunk) when it failed
 * @param failure the failure's one-line message when it failed
 * @param bytesDownloaded compressed bytes fetched, when it ended
 * @param bytesNeeded compressed bytes the update needed, when it ended
 * @param filesChanged files the update replaced or added, when it ended
 */
public record UpdateView(
    String workflowId,
    String runId,
    String state,
    boolean running,
    boolean paused,
    boolean cancellable,
    String fromVersion,
    String toVersion,
    Progress progress,
    String outcome,
    String failureType,
    String failure,
    long bytesDownloaded,
    long bytesNeeded,
    int filesChanged) {

  /** Progress of the running update; zeros before its download starts. */
  public record Progress(
      long bytesDone,
      long bytesTotal,
      long chunksDone,
      long chunksTotal,
      int filesDone,
      int filesTotal,
      long bytesPerSecond) {
    public static final Progress NONE = new Progress(0, 0, 0, 0, 0, 0, 0);
  }
}
