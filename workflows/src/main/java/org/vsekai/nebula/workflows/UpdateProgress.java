package org.vsekai.nebula.workflows;

/**
 * How far an update has come, as the workflow knows it: download progress advances once per
 * finished batch, file progress when apply finishes. {@code UpdateHandle.liveStatus()} adds the
 * running batch's last heartbeat for a finer view; see {@link UpdateWorkflowImpl} for why.
 *
 * @param bytesDone bytes of the planned download now in the local chunk cache
 * @param bytesTotal bytes the plan needs to download
 * @param chunksDone chunks of the planned download now in the local chunk cache
 * @param chunksTotal chunks the plan needs to download
 * @param batchesDone download batches finished
 * @param batchesTotal download batches planned
 * @param filesDone changed files staged
 * @param filesTotal changed files to stage
 * @param bytesPerSecond network throughput of the last finished batch
 */
public record UpdateProgress(
    long bytesDone,
    long bytesTotal,
    long chunksDone,
    long chunksTotal,
    int batchesDone,
    int batchesTotal,
    int filesDone,
    int filesTotal,
    long bytesPerSecond) {

  /** Progress before anything is planned. */
  public static final UpdateProgress NONE = new UpdateProgress(0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** This progress with the running batch's heartbeat added; for clients, not workflow code. */
  public UpdateProgress plusRunningBatch(long batchChunksDone, long batchBytesDone) {
    return new UpdateProgress(
        bytesDone + batchBytesDone,
        bytesTotal,
        chunksDone + batchChunksDone,
        chunksTotal,
        batchesDone,
        batchesTotal,
        filesDone,
        filesTotal,
        bytesPerSecond);
  }

  /** This progress with apply's last heartbeat as the files done; for clients. */
  public UpdateProgress withFilesDone(int files) {
    return new UpdateProgress(
        bytesDone,
        bytesTotal,
        chunksDone,
        chunksTotal,
        batchesDone,
        batchesTotal,
        files,
        filesTotal,
        bytesPerSecond);
  }
}
