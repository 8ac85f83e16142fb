package org.vsekai.nebula.workflows;

/**
 * How an update ended.
 *
 * @param outcome what happened
 * @param installId the install updated
 * @param fromVersion the version installed before; null for an empty folder
 * @param toVersion the version installed (or that would have been); null when none was found
 * @param bytesDownloaded bytes fetched over the network, re-fetches after crashes included
 * @param bytesNeeded bytes of the chunks that were missing locally when the update was planned
 * @param chunksDownloaded chunks the download brought into the local cache
 * @param filesChanged files the new version adds or changes
 */
public record UpdateResult(
    UpdateOutcome outcome,
    String installId,
    String fromVersion,
    String toVersion,
    long bytesDownloaded,
    long bytesNeeded,
    long chunksDownloaded,
    int filesChanged) {}
