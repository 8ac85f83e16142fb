package org.vsekai.nebula.activities;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.desync.ByteRateLimiter;
import org.vsekai.nebula.desync.ChunkCodec;
import org.vsekai.nebula.desync.ChunkFetcher;
import org.vsekai.nebula.desync.ChunkId;
import org.vsekai.nebula.desync.ChunkInvalidException;
import org.vsekai.nebula.desync.ChunkStore;
import org.vsekai.nebula.desync.ChunkVerifier;
import org.vsekai.nebula.desync.CompressedChunkSource;
import org.vsekai.nebula.desync.HttpChunkStore;
import org.vsekai.nebula.desync.HttpStoreOptions;
import org.vsekai.nebula.desync.LocalChunkStore;
import org.vsekai.nebula.desync.TransferListener;
import org.vsekai.nebula.workflows.UpdateFailures;

/**
 * downloadChunks: fetches one batch of the plan's chunks into the install's chunk cache. Chunks
 * already cached are skipped, which is all a retried attempt needs to resume.
 */
public final class ChunkDownloader {
  /** Parallel fetches: enough to fill a link with small chunks, few enough for a home router. */
  static final int PARALLEL_FETCHES = 8;

  private final LauncherFolder folder;
  private final ServiceClient service;

  public ChunkDownloader(LauncherFolder folder, ServiceClient service) {
    this.folder = folder;
    this.service = service;
  }

  /** Counters another thread reads for heartbeats and the progress file. */
  public static final class Progress {
    public final AtomicLong chunksDone = new AtomicLong();
    public final AtomicLong bytesDone = new AtomicLong();
    public final AtomicLong bytesFetched = new AtomicLong();
    public volatile long chunks;
    public volatile long bytes;

    /** Bytes of the batches before this one, and of all batches: the whole download's progress. */
    public volatile long bytesBefore;

    public volatile long bytesOfPlan;
    public volatile String version;
  }

  /**
   * The batch's items: contiguous, about equal in bytes, the same split on every attempt. Patches
   * come first, so they are in the first batches.
   */
  record Batch(
      List<StoredPlan.PlannedPatch> patches,
      List<ChunkId> ids,
      List<Integer> sizes,
      long bytesBefore) {
    long bytes() {
      long n = 0;
      for (StoredPlan.PlannedPatch p : patches) {
        n += p.length();
      }
      for (int s : sizes) {
        n += s;
      }
      return n;
    }
  }

  static Batch batch(StoredPlan plan, int batchIndex, int batchCount) {
    long total = plan.bytesToDownload();
    List<StoredPlan.PlannedPatch> patches = new ArrayList<>();
    List<ChunkId> ids = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    long before = 0;
    long bytesBefore = 0;
    int items = plan.itemsToDownload();
    for (int i = 0; i < items; i++) {
      boolean patch = i < plan.patches().size();
      int chunk = i - plan.patches().size();
      long size = patch ? plan.patches().get(i).length() : plan.downloadSizes().get(chunk);
      int b = total == 0 ? 0 : (int) Math.min(batchCount - 1, (before * batchCount) / total);
      if (b == batchIndex) {
        if (patch) {
          patches.add(plan.patches().get(i));
        } else {
          ids.add(ChunkId.fromHex(plan.downloads().get(chunk)));
          sizes.add((int) size);
        }
      } else if (b < batchIndex) {
        bytesBefore += size;
      }
      before += size;
    }
    return new Batch(patches, ids, sizes, bytesBefore);
  }

  /**
   * @param fetchedBefore bytes fetched for this batch by earlier attempts, from the heartbeat (the
   *     count on disk is used when it is higher: it misses no byte a killed attempt fetched)
   */
  public ChunkFetcher.Result download(
      String planId,
      int batchIndex,
      int batchCount,
      long maxBytesPerSecond,
      long fetchedBefore,
      Progress progress)
      throws IOException {
    StoredPlan plan = PlanFiles.read(folder, planId);
    Batch batch = batch(plan, batchIndex, batchCount);
    progress.chunks = batch.ids().size() + batch.patches().size();
    progress.bytes = batch.bytes();
    progress.bytesBefore = batch.bytesBefore();
    progress.bytesOfPlan = plan.bytesToDownload();
    progress.version = plan.toVersion();
    try (FetchedBytes counted = FetchedBytes.open(folder, planId, batchIndex)) {
      progress.bytesFetched.set(Math.max(fetchedBefore, counted.stored()));
      TransferListener count = n -> counted.record(progress.bytesFetched.addAndGet(n));
      TransferListener listener =
          maxBytesPerSecond > 0 ? new ByteRateLimiter(maxBytesPerSecond).andThen(count) : count;
      // No answer may be larger than the largest chunk this batch needs can compress to.
      int largest = batch.sizes().stream().mapToInt(Integer::intValue).max().orElse(1);
      HttpChunkStore remote =
          new HttpChunkStore(
              service.chunkStore(),
              HttpStoreOptions.DEFAULT
                  .withListener(listener)
                  .withVerifier(new ChunkVerifier(ChunkVerifier.DEFAULT.algorithm(), largest)));
      long patchBytes = 0;
      int patches = 0;
      PatchDownloader patchDownloader = new PatchDownloader(folder, service);
      for (StoredPlan.PlannedPatch p : batch.patches()) {
        long base = patchBytes;
        AtomicLong received = new AtomicLong();
        TransferListener patchProgress =
            n -> progress.bytesDone.set(base + Math.min(p.length(), received.addAndGet(n)));
        if (patchDownloader.download(planId, p, listener.andThen(patchProgress))) {
          patches++;
        }
        patchBytes += p.length();
        progress.bytesDone.set(patchBytes);
        progress.chunksDone.incrementAndGet();
      }
      long patchesDone = patchBytes;
      int patchCount = batch.patches().size();
      ChunkStore source = new RefetchOnCorruption(remote, UpdateFailures.CORRUPT_CHUNK_FETCHES);
      ChunkFetcher.Result chunks =
          new ChunkFetcher(source, new LocalChunkStore(folder.cache()), PARALLEL_FETCHES)
              .fetch(
                  batch.ids(),
                  batch.sizes(),
                  (done, bytes) -> {
                    progress.chunksDone.set(patchCount + done);
                    progress.bytesDone.set(patchesDone + bytes);
                  });
      return new ChunkFetcher.Result(
          chunks.chunksFetched() + patches,
          chunks.bytesFetched() + patchBytes,
          chunks.chunksAlreadyPresent());
    }
  }

  /**
   * One bad answer may be a flaky proxy; the same chunk wrong {@code attempts} times in a row is
   * wrong on the server, and retrying the activity for hours would only hide that.
   */
  static final class RefetchOnCorruption implements CompressedChunkSource {
    private final ChunkStore store;
    private final int attempts;

    RefetchOnCorruption(ChunkStore store, int attempts) {
      this.store = store;
      this.attempts = attempts;
    }

    @Override
    public byte[] get(ChunkId id) {
      return retried(id, store::get);
    }

    @Override
    public byte[] getVerifiedCompressed(ChunkId id) {
      if (!(store instanceof CompressedChunkSource compressed)) {
        return ChunkCodec.compress(get(id));
      }
      return retried(id, compressed::getVerifiedCompressed);
    }

    private byte[] retried(ChunkId id, Function<ChunkId, byte[]> read) {
      ChunkInvalidException last = null;
      for (int i = 0; i < attempts; i++) {
        try {
          return read.apply(id);
        } catch (ChunkInvalidException e) {
          last = e;
        }
      }
      throw new UpdateFailure(
          UpdateFailures.CORRUPT_CHUNK,
          last.getMessage() + " (" + attempts + " fetches, every one wrong)",
          last);
    }

    @Override
    public boolean has(ChunkId id) {
      return store.has(id);
    }

    @Override
    public String location() {
      return store.location();
    }
  }
}
