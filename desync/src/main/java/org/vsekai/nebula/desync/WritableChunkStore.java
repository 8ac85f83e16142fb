package org.vsekai.nebula.desync;

/** A store chunks can be added to. */
public interface WritableChunkStore extends ChunkStore {

  /** Stores the chunk (uncompressed bytes); storing a chunk the store has is a no-op. */
  default void put(ChunkId id, byte[] data) {
    put(id, data, 0, data.length);
  }

  void put(ChunkId id, byte[] data, int off, int len);

  /**
   * Stores an already compressed chunk after checking it decompresses to bytes with this id, so an
   * uploader's mistake never enters the store.
   */
  void putCompressed(ChunkId id, byte[] compressed);
}
