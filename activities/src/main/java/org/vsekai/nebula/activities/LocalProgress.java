package org.vsekai.nebula.activities;

import java.time.Instant;

/**
 * A running step's progress, written a few times a second to {@code .nebula/progress.json} for the
 * CLI on the same machine (Temporal throttles heartbeats to tens of seconds, too coarse for a
 * progress bar).
 *
 * @param step DownloadingUpdate or ApplyingUpdate
 * @param version the version being installed
 * @param bytesDone bytes of the step done
 * @param bytesTotal bytes of the step in all
 * @param bytesFetched bytes fetched over the network so far
 * @param at when this was written
 */
public record LocalProgress(
    String step, String version, long bytesDone, long bytesTotal, long bytesFetched, Instant at) {}
