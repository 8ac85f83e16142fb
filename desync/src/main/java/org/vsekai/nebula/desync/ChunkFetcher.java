package org.vsekai.nebula.desync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies chunks from a source store into a local one (desync's {@code cache}): the download step of
 * an update, which fills the install's chunk cache before anything is assembled. Chunks the target
 * has are skipped, so a retried or resumed fetch only moves what is still missing.
 */
public final class ChunkFetcher {
  private final ChunkStore source;
  private final WritableChunkStore target;
  private final int threads;

  public ChunkFetcher(ChunkStore source, WritableChunkStore target, int threads) {
    this.source = source;
    this.target = target;
    this.threads = Math.max(1, threads);
  }

  /** Told after each chunk: chunks and uncompressed bytes now in the target, of the total. */
  @FunctionalInterface
  public interface Progress {
    void update(long chunksDone, long bytesDone);
  }

  public record Result(long chunksFetched, long bytesFetched, long chunksAlreadyPresent) {}

  /**
   * Fetches what the target lacks of {@code chunks}.
   *
   * @param sizes uncompressed size of each chunk, parallel to {@code chunks}, for progress
   */
  public Result fetch(List<ChunkId> chunks, List<Integer> sizes, Progress progress) {
    AtomicLong fetched = new AtomicLong();
    AtomicLong fetchedBytes = new AtomicLong();
    AtomicLong present = new AtomicLong();
    AtomicLong doneChunks = new AtomicLong();
    AtomicLong doneBytes = new AtomicLong();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "fetch");
              t.setDaemon(true);
              return t;
            });
    try {
      Extractor.runAll(
          pool,
          chunks.size(),
          i -> {
            ChunkId id = chunks.get(i);
            if (target.has(id)) {
              present.incrementAndGet();
            } else {
              copy(id);
              fetchedBytes.addAndGet(sizes.get(i));
              fetched.incrementAndGet();
            }
            progress.update(doneChunks.incrementAndGet(), doneBytes.addAndGet(sizes.get(i)));
          });
    } finally {
      pool.shutdownNow();
    }
    return new Result(fetched.get(), fetchedBytes.get(), present.get());
  }

  /**
   * Copies one chunk. A local cache fed by a store that hands over checked compressed bytes keeps
   * them as they arrived: no second compression, no second check.
   */
  private void copy(ChunkId id) {
    if (source instanceof CompressedChunkSource compressed
        && target instanceof LocalChunkStore local) {
      local.putVerifiedCompressed(id, compressed.getVerifiedCompressed(id));
      return;
    }
    target.put(id, source.get(id));
  }

  /** The ids of {@code chunks} the target lacks. */
  public List<ChunkId> missing(Collection<ChunkId> chunks) {
    List<ChunkId> out = new ArrayList<>();
    for (ChunkId id : chunks) {
      if (!target.has(id)) {
        out.add(id);
      }
    }
    return out;
  }
}
