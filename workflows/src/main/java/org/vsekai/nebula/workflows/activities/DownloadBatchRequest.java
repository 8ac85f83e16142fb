package org.vsekai.nebula.workflows.activities;

/**
 * Input of {@link UpdateActivities#downloadChunks}: batch {@code batchIndex} of {@code batchCount}
 * of the plan's chunks to download. The activity splits the plan's ordered chunk list into {@code
 * batchCount} contiguous parts of about equal bytes, the same way on every attempt.
 *
 * @param planId the plan from {@link UpdateActivities#prepare}
 * @param batchIndex which batch, from 0
 * @param batchCount how many batches the plan is split into
 * @param maxBytesPerSecond bandwidth cap for this batch; 0 for none
 */
public record DownloadBatchRequest(
    String planId, int batchIndex, int batchCount, long maxBytesPerSecond) {}
