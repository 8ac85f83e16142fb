package org.vsekai.nebula.desync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeds with the places each chunk id occurs in them, worked out once: an update plans and
 * assembles many files against the same installed files, and locating every seed chunk again for
 * each would cost (files changed) x (chunks installed).
 */
public final class SeedSet {
  /** Enough to find the long runs; bounds the work on data with a chunk repeated very often. */
  private static final int MAX_CANDIDATES = 16;

  public static final SeedSet EMPTY = new SeedSet(List.of());

  private final List<FileSeed> seeds;

  /** Chunk id to {seed number, chunk number} pairs, at most MAX_CANDIDATES of them. */
  private final Map<ChunkId, List<long[]>> locations = new HashMap<>();

  private SeedSet(List<FileSeed> seeds) {
    this.seeds = List.copyOf(seeds);
    for (int s = 0; s < this.seeds.size(); s++) {
      List<IndexChunk> cs = this.seeds.get(s).index().chunks();
      for (int j = 0; j < cs.size(); j++) {
        List<long[]> l = locations.computeIfAbsent(cs.get(j).id(), k -> new ArrayList<>(1));
        if (l.size() < MAX_CANDIDATES) {
          l.add(new long[] {s, j});
        }
      }
    }
  }

  public static SeedSet of(List<FileSeed> seeds) {
    return seeds.isEmpty() ? EMPTY : new SeedSet(seeds);
  }

  /** These seeds and one more, such as the file an extraction replaces. */
  public SeedSet plus(FileSeed extra) {
    List<FileSeed> all = new ArrayList<>(seeds);
    all.add(extra);
    return new SeedSet(all);
  }

  public List<FileSeed> seeds() {
    return seeds;
  }

  FileSeed seed(long number) {
    return seeds.get((int) number);
  }

  /** Where {@code id} occurs, as {seed number, chunk number} pairs; null when nowhere. */
  List<long[]> locate(ChunkId id) {
    return locations.get(id);
  }
}
