package org.vsekai.nebula.desync;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chunk of {@code max} zero bytes. Runs of zeros have no content boundaries, so they become
 * many such chunks; extraction writes them without asking any store (desync does the same).
 */
final class NullChunk {
  private static final Map<String, ChunkId> IDS = new ConcurrentHashMap<>();

  private NullChunk() {}

  static ChunkId id(int size, HashAlgorithm algorithm) {
    return IDS.computeIfAbsent(
        algorithm + ":" + size, k -> ChunkId.digest(new byte[size], 0, size, algorithm));
  }
}
