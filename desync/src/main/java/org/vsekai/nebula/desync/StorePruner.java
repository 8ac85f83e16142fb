package org.vsekai.nebula.desync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** desync's {@code prune}: removes every chunk that none of the given indexes references. */
public final class StorePruner {
  /** Temporary files younger than this may belong to a writer that is still running. */
  private static final Duration STALE_TEMPORARY = Duration.ofHours(1);

  private StorePruner() {}

  public record Report(long kept, long removed, long staleTemporaryFiles) {}

  public static Report prune(PrunableChunkStore store, Collection<ChunkIndex> keep) {
    Set<ChunkId> referenced = new HashSet<>();
    for (ChunkIndex index : keep) {
      referenced.addAll(index.distinctIds());
    }
    List<ChunkId> unreferenced = new ArrayList<>();
    long[] kept = {0};
    store.forEachId(
        id -> {
          if (referenced.contains(id)) {
            kept[0]++;
          } else {
            unreferenced.add(id);
          }
        });
    for (ChunkId id : unreferenced) {
      store.remove(id);
    }
    long stale =
        store instanceof LocalChunkStore local
            ? local.removeStaleTemporaryFiles(STALE_TEMPORARY)
            : 0;
    return new Report(kept[0], unreferenced.size(), stale);
  }
}
