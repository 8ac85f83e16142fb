package org.vsekai.nebula.desync;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * desync's {@code verify}: reads every chunk of a store, reporting (and optionally removing) bad
 * ones.
 */
public final class StoreVerifier {
  private StoreVerifier() {}

  /** What a verification found. */
  public record Report(long chunksChecked, List<String> problems, long removed) {
    public boolean clean() {
      return problems.isEmpty();
    }
  }

  public static Report verify(PrunableChunkStore store, boolean removeInvalid, int threads) {
    List<ChunkId> ids = new ArrayList<>();
    store.forEachId(ids::add);
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    AtomicLong removed = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      Extractor.runAll(
          pool,
          ids.size(),
          i -> {
            ChunkId id = ids.get(i);
            try {
              store.get(id);
            } catch (ChunkInvalidException | ChunkMissingException e) {
              problems.add(e.getMessage());
              if (removeInvalid) {
                store.remove(id);
                removed.incrementAndGet();
              }
            }
          });
    } finally {
      pool.shutdownNow();
    }
    List<String> sorted = new ArrayList<>(problems);
    sorted.sort(null);
    return new Report(ids.size(), sorted, removed.get());
  }
}
