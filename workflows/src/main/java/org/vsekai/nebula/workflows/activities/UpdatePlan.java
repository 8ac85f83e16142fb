package org.vsekai.nebula.workflows.activities;

/**
 * Output of {@link UpdateActivities#prepare}: the counts of a plan the activity has written to disk
 * under the install's launcher folder. The chunk ids stay in that file, never in the workflow's
 * history, which is what keeps a 10,000-chunk update to a few dozen events.
 *
 * @param planId handle of the plan on disk; every later activity of this update takes it
 * @param toVersion the version the plan installs, from the verified manifest
 * @param filesChanged files the new version adds or changes (to be staged)
 * @param filesUnchanged files kept as they are
 * @param filesRemoved files of the old version the new one drops
 * @param chunksToDownload chunks missing from the local cache and the installed files, in the order
 *     {@link UpdateActivities#downloadChunks} splits them into batches
 * @param bytesToDownload their total size
 * @param bytesToStage total size of the changed files
 */
public record UpdatePlan(
    String planId,
    String toVersion,
    int filesChanged,
    int filesUnchanged,
    int filesRemoved,
    long chunksToDownload,
    long bytesToDownload,
    long bytesToStage) {}
