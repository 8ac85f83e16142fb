package org.vsekai.nebula.desync;

/** One entry of an index: the chunk with id {@code id} covers bytes [start, start+size). */
public record IndexChunk(long start, int size, ChunkId id) {
  public long end() {
    return start + size;
  }
}
