package org.vsekai.nebula.workflows;

import java.time.Instant;

/**
 * What a {@link LauncherWorkflow} carries into its next run when it continues as new.
 *
 * @param pendingRequest an {@code updateNow} received but not yet acted on; null if none
 * @param nextCheckAt when the next periodic check is due, so continuing as new does not move it;
 *     null for a manual-only install or a fresh start
 * @param lastResult how the last update that ended ended; null if none ended or it failed
 * @param lastFailure why the last update failed; null if it did not
 * @param updatesRun updates the launcher has run since it was first started
 */
public record LauncherMemory(
    UpdateNowRequest pendingRequest,
    Instant nextCheckAt,
    UpdateResult lastResult,
    String lastFailure,
    long updatesRun) {

  /** The memory of a launcher that has never run. */
  public static final LauncherMemory EMPTY = new LauncherMemory(null, null, null, null, 0);
}
