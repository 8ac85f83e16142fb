package org.vsekai.nebula.workflows;

import java.time.Duration;

/**
 * How an install's launcher keeps it current.
 *
 * @param installId the install
 * @param product its product
 * @param mode the release mode it follows
 * @param checkInterval time between periodic checks; null for a manual-only install, which updates
 *     only on {@code updateNow}
 * @param allowDowngrade whether updates may install a lower version (a mode rolled back)
 * @param maxBytesPerSecond bandwidth cap of every update's download; 0 for none
 * @param offlineAfter how long a periodic check waits for the install's worker before the launcher
 *     takes the install for offline and ends; null for {@link
 *     UpdateActivityPolicies#SCHEDULED_CHECK_WAIT}
 * @param retryFor how long each update's steps are retried before it gives up ({@link
 *     UpdateRequest#retryFor()}); null for the default
 */
public record LauncherConfig(
    String installId,
    String product,
    String mode,
    Duration checkInterval,
    boolean allowDowngrade,
    long maxBytesPerSecond,
    Duration offlineAfter,
    Duration retryFor) {}
