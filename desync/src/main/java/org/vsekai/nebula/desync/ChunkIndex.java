package org.vsekai.nebula.desync;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a {@code .caibx} holds: the chunk sizes the blob was cut with, feature flags, and its chunks
 * in order. The blob is the concatenation of the chunks.
 */
public record ChunkIndex(long featureFlags, ChunkSizes sizes, List<IndexChunk> chunks) {

  public ChunkIndex {
    chunks = List.copyOf(chunks);
  }

  /** An index as desync writes it: NODUMP plus the digest flag. */
  public static ChunkIndex of(ChunkSizes sizes, HashAlgorithm algorithm, List<IndexChunk> chunks) {
    return new ChunkIndex(CaibxFormat.flagsFor(algorithm), sizes, chunks);
  }

  public HashAlgorithm hashAlgorithm() {
    return (featureFlags & CaibxFormat.FLAG_SHA512_256) != 0
        ? HashAlgorithm.SHA512_256
        : HashAlgorithm.SHA256;
  }

  /** Length of the blob this index describes. */
  public long length() {
    return chunks.isEmpty() ? 0 : chunks.get(chunks.size() - 1).end();
  }

  /** Distinct chunk ids, in first-use order. */
  public Set<ChunkId> distinctIds() {
    Set<ChunkId> ids = new LinkedHashSet<>();
    for (IndexChunk c : chunks) {
      ids.add(c.id());
    }
    return ids;
  }

  /** Builds the chunk list from consecutive sizes and ids. */
  public static List<IndexChunk> chunksFromSizes(List<Integer> sizes, List<ChunkId> ids) {
    List<IndexChunk> out = new ArrayList<>(sizes.size());
    long start = 0;
    for (int i = 0; i < sizes.size(); i++) {
      out.add(new IndexChunk(start, sizes.get(i), ids.get(i)));
      start += sizes.get(i);
    }
    return out;
  }
}
