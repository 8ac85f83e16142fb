package org.vsekai.nebula.workflows.activities;

/**
 * Output of {@link UpdateActivities#downloadChunks}: every chunk of the batch is now in the local
 * cache and verified.
 *
 * @param batchIndex the batch done
 * @param chunks chunks in the batch
 * @param chunksFetched of those, chunks fetched over the network by this activity (the rest were
 *     already in the cache, e.g. from an earlier attempt or a paused run)
 * @param bytes total size of the batch's chunks
 * @param bytesFetched bytes fetched over the network for this batch across all its attempts,
 *     carried from attempt to attempt in the heartbeat ({@link DownloadHeartbeat#bytesFetched})
 */
public record DownloadBatchResult(
    int batchIndex, long chunks, long chunksFetched, long bytes, long bytesFetched) {}
