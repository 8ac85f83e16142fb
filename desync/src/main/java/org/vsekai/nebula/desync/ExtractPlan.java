package org.vsekai.nebula.desync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each chunk of a target index will be produced: already in place, all zeros, copied from a
 * seed (as long runs of consecutive chunks), or fetched from a store (once per distinct id, then
 * written wherever it occurs). Built without touching any store, so it also answers "how much is
 * left to download" ({@code info --seed}).
 */
public final class ExtractPlan {
  /** A seed run is copied by one thread; bounded so the runs spread across threads. */
  private static final long MAX_RUN_BYTES = 8L << 20;

  sealed interface Step permits SeedCopy, Fetch, Zero {}

  /** Target chunks [targetFirst, targetFirst+count) from seed chunks [seedFirst, ...). */
  record SeedCopy(FileSeed seed, int seedFirst, int targetFirst, int count) implements Step {}

  /** One chunk from the store, written at every listed target position. */
  record Fetch(ChunkId id, int size, List<Integer> targets) implements Step {}

  /** A max-sized all-zero chunk; written only when the output may hold other bytes there. */
  record Zero(int target) implements Step {}

  private final ChunkIndex target;
  private final List<Step> steps;
  private final long bytesInPlace;
  private final long bytesFromSeeds;
  private final long bytesZero;
  private final long bytesToFetch;
  private final long chunksToFetch;
  private final long bytesDuplicated;

  private ExtractPlan(ChunkIndex target, List<Step> steps, long inPlace) {
    this.target = target;
    this.steps = List.copyOf(steps);
    this.bytesInPlace = inPlace;
    long seeds = 0, zero = 0, fetch = 0, chunks = 0, dup = 0;
    for (Step s : steps) {
      if (s instanceof SeedCopy c) {
        seeds +=
            target.chunks().get(c.targetFirst() + c.count() - 1).end()
                - target.chunks().get(c.targetFirst()).start();
      } else if (s instanceof Zero z) {
        zero += target.chunks().get(z.target()).size();
      } else if (s instanceof Fetch f) {
        fetch += f.size();
        chunks++;
        dup += (long) f.size() * (f.targets().size() - 1);
      }
    }
    this.bytesFromSeeds = seeds;
    this.bytesZero = zero;
    this.bytesToFetch = fetch;
    this.chunksToFetch = chunks;
    this.bytesDuplicated = dup;
  }

  /**
   * Plans the extraction of {@code target}.
   *
   * @param inPlace chunks already right in the output (from an in-place check), or null
   */
  public static ExtractPlan of(ChunkIndex target, List<FileSeed> seeds, boolean[] inPlace) {
    return of(target, SeedSet.of(seeds), inPlace);
  }

  /** As {@link #of(ChunkIndex, List, boolean[])}, with seeds located once for many targets. */
  public static ExtractPlan of(ChunkIndex target, SeedSet seeds, boolean[] inPlace) {
    List<IndexChunk> chunks = target.chunks();
    int n = chunks.size();
    ChunkId zeroId = NullChunk.id(target.sizes().maxInt(), target.hashAlgorithm());
    List<Step> steps = new ArrayList<>();
    Map<ChunkId, List<Integer>> fetches = new LinkedHashMap<>();
    long inPlaceBytes = 0;
    for (int i = 0; i < n; ) {
      IndexChunk c = chunks.get(i);
      if (inPlace != null && inPlace[i]) {
        inPlaceBytes += c.size();
        i++;
        continue;
      }
      if (c.size() == target.sizes().max() && c.id().equals(zeroId)) {
        steps.add(new Zero(i));
        i++;
        continue;
      }
      SeedCopy run = longestRun(target, seeds, seeds.locate(c.id()), i, inPlace);
      if (run != null) {
        steps.add(run);
        i += run.count();
        continue;
      }
      fetches.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(i);
      i++;
    }
    for (Map.Entry<ChunkId, List<Integer>> e : fetches.entrySet()) {
      steps.add(new Fetch(e.getKey(), chunks.get(e.getValue().get(0)).size(), e.getValue()));
    }
    return new ExtractPlan(target, steps, inPlaceBytes);
  }

  private static SeedCopy longestRun(
      ChunkIndex target, SeedSet seeds, List<long[]> candidates, int i, boolean[] inPlace) {
    if (candidates == null) {
      return null;
    }
    List<IndexChunk> t = target.chunks();
    SeedCopy best = null;
    for (long[] cand : candidates) {
      FileSeed seed = seeds.seed(cand[0]);
      List<IndexChunk> s = seed.index().chunks();
      int j = (int) cand[1];
      int len = 0;
      long bytes = 0;
      while (i + len < t.size()
          && j + len < s.size()
          && bytes < MAX_RUN_BYTES
          && (inPlace == null || !inPlace[i + len])
          && t.get(i + len).id().equals(s.get(j + len).id())
          && t.get(i + len).size() == s.get(j + len).size()) {
        bytes += t.get(i + len).size();
        len++;
      }
      if (len > 0 && (best == null || len > best.count())) {
        best = new SeedCopy(seed, j, i, len);
      }
    }
    return best;
  }

  public ChunkIndex target() {
    return target;
  }

  List<Step> steps() {
    return steps;
  }

  public long bytesTotal() {
    return target.length();
  }

  public long bytesInPlace() {
    return bytesInPlace;
  }

  public long bytesFromSeeds() {
    return bytesFromSeeds;
  }

  public long bytesZero() {
    return bytesZero;
  }

  /** Uncompressed bytes of the distinct chunks that must come from a store. */
  public long bytesToFetch() {
    return bytesToFetch;
  }

  public long chunksToFetch() {
    return chunksToFetch;
  }

  public long bytesDuplicated() {
    return bytesDuplicated;
  }

  /** The distinct chunks that must come from a store. */
  public List<ChunkId> idsToFetch() {
    List<ChunkId> ids = new ArrayList<>();
    for (Step s : steps) {
      if (s instanceof Fetch f) {
        ids.add(f.id());
      }
    }
    return ids;
  }
}
