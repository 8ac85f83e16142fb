package org.vsekai.nebula.desync.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.vsekai.nebula.desync.ChunkCodec;
import org.vsekai.nebula.desync.ChunkId;
import org.vsekai.nebula.desync.ChunkMissingException;
import org.vsekai.nebula.desync.ChunkVerifier;
import org.vsekai.nebula.desync.PrunableChunkStore;

/** A store in a map, counting reads: the fake for tests that need a store but not a disk. */
public final class InMemoryChunkStore implements PrunableChunkStore {
  private final Map<ChunkId, byte[]> compressed = new ConcurrentHashMap<>();
  private final AtomicInteger gets = new AtomicInteger();

  @Override
  public byte[] get(ChunkId id) {
    gets.incrementAndGet();
    byte[] c = compressed.get(id);
    if (c == null) {
      throw new ChunkMissingException(id, location());
    }
    return ChunkVerifier.DEFAULT.decompress(id, c, location());
  }

  @Override
  public boolean has(ChunkId id) {
    return compressed.containsKey(id);
  }

  @Override
  public void put(ChunkId id, byte[] data, int off, int len) {
    compressed.putIfAbsent(id, ChunkCodec.compress(data, off, len));
  }

  @Override
  public void putCompressed(ChunkId id, byte[] bytes) {
    ChunkVerifier.DEFAULT.decompress(id, bytes, "upload");
    compressed.putIfAbsent(id, bytes);
  }

  /** Replaces a chunk's stored bytes as they are, to simulate corruption. */
  public void corrupt(ChunkId id, byte[] bytes) {
    compressed.put(id, bytes);
  }

  @Override
  public void forEachId(Consumer<ChunkId> action) {
    compressed.keySet().forEach(action);
  }

  @Override
  public void remove(ChunkId id) {
    compressed.remove(id);
  }

  public int size() {
    return compressed.size();
  }

  public int gets() {
    return gets.get();
  }

  @Override
  public String location() {
    return "memory store";
  }
}
