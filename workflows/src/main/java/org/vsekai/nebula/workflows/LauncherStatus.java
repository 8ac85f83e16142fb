package org.vsekai.nebula.workflows;

import java.time.Instant;

/**
 * What the {@code status} query of a {@link LauncherWorkflow} returns.
 *
 * @param state what the launcher is doing
 * @param nextCheckAt when the next periodic check is due; null for a manual-only install
 * @param lastResult how the last update that ended ended; null if none or it failed
 * @param lastFailure why the last update failed; null if it did not
 * @param updatesRun updates run since the launcher was first started
 */
public record LauncherStatus(
    LauncherState state,
    Instant nextCheckAt,
    UpdateResult lastResult,
    String lastFailure,
    long updatesRun) {}
