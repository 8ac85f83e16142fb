package org.vsekai.nebula.desync;

import java.util.ArrayList;
import java.util.List;

/**
 * Stores tried in order: a chunk missing from one is looked for in the next. A store that fails or
 * holds a corrupt copy is also passed over, and its failure is reported only when no store could
 * provide the chunk.
 */
public final class ChainedChunkStore implements ChunkStore {
  private final List<ChunkStore> stores;

  public ChainedChunkStore(List<? extends ChunkStore> stores) {
    if (stores.isEmpty()) {
      throw new IllegalArgumentException("a store chain needs at least one store");
    }
    this.stores = List.copyOf(stores);
  }

  public static ChunkStore of(List<? extends ChunkStore> stores) {
    return stores.size() == 1 ? stores.get(0) : new ChainedChunkStore(stores);
  }

  @Override
  public byte[] get(ChunkId id) {
    DesyncException failure = null;
    for (ChunkStore s : stores) {
      try {
        return s.get(id);
      } catch (ChunkMissingException e) {
        // next store
      } catch (ChunkInvalidException | ChunkStoreException e) {
        if (failure == null || e instanceof ChunkInvalidException) {
          failure = e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    throw new ChunkMissingException(id, location());
  }

  @Override
  public boolean has(ChunkId id) {
    for (ChunkStore s : stores) {
      if (s.has(id)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String location() {
    List<String> all = new ArrayList<>();
    for (ChunkStore s : stores) {
      all.add(s.location());
    }
    return String.join(", ", all);
  }

  @Override
  public void close() {
    for (ChunkStore s : stores) {
      s.close();
    }
  }
}
