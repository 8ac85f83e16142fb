package org.vsekai.nebula.workflows.activities;

/**
 * The heartbeat details of {@link UpdateActivities#downloadChunks}: its progress within the batch
 * and what a retried attempt resumes from. Heartbeats are not history events, so they carry the
 * fine-grained progress; clients read the last one from the pending activity ({@code
 * UpdateHandle.liveStatus()}), the Temporal UI shows it too.
 *
 * @param batchIndex the batch being downloaded
 * @param chunksDone chunks of the batch in the cache so far
 * @param chunks chunks in the batch
 * @param bytesDone bytes of the batch in the cache so far
 * @param bytes total size of the batch
 * @param bytesFetched bytes fetched over the network for the batch so far, all attempts
 */
public record DownloadHeartbeat(
    int batchIndex, long chunksDone, long chunks, long bytesDone, long bytes, long bytesFetched) {}
