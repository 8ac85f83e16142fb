package org.vsekai.nebula.desync;

import java.util.HashSet;
import java.util.Set;

/**
 * desync's {@code info}: what an index holds. With a plan (seeds, in-place), also how much of it
 * must still come from a store.
 */
public record IndexInfo(
    long size,
    long chunks,
    long uniqueChunks,
    long uniqueBytes,
    long smallestChunk,
    long largestChunk,
    ChunkSizes sizes,
    HashAlgorithm hash,
    long bytesToFetch,
    long chunksToFetch,
    long chunksInStore) {

  public static IndexInfo of(ChunkIndex index) {
    return of(index, null, null);
  }

  /**
   * @param plan the extraction plan given seeds, or null
   * @param store a store to count present chunks in, or null
   */
  public static IndexInfo of(ChunkIndex index, ExtractPlan plan, ChunkStore store) {
    Set<ChunkId> seen = new HashSet<>();
    long uniqueBytes = 0;
    long smallest = index.chunks().isEmpty() ? 0 : Long.MAX_VALUE;
    long largest = 0;
    for (IndexChunk c : index.chunks()) {
      if (seen.add(c.id())) {
        uniqueBytes += c.size();
      }
      smallest = Math.min(smallest, c.size());
      largest = Math.max(largest, c.size());
    }
    long inStore = -1;
    if (store != null) {
      inStore = 0;
      for (ChunkId id : seen) {
        if (store.has(id)) {
          inStore++;
        }
      }
    }
    return new IndexInfo(
        index.length(),
        index.chunks().size(),
        seen.size(),
        uniqueBytes,
        smallest,
        largest,
        index.sizes(),
        index.hashAlgorithm(),
        plan == null ? uniqueBytes : plan.bytesToFetch(),
        plan == null ? seen.size() : plan.chunksToFetch(),
        inStore);
  }
}
