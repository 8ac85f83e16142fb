package org.vsekai.nebula.desync;

import java.util.function.Consumer;

/** A store that can list and drop chunks (prune, verify). */
public interface PrunableChunkStore extends WritableChunkStore {

  /** Calls {@code action} with every chunk id in the store. */
  void forEachId(Consumer<ChunkId> action);

  /** Removes the chunk if present. */
  void remove(ChunkId id);
}
