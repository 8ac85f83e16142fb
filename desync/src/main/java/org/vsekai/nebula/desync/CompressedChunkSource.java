package org.vsekai.nebula.desync;

/**
 * A store that can hand a chunk over as it holds it, compressed, after checking it: so a cache can
 * keep the bytes that arrived instead of decompressing and compressing them again.
 */
public interface CompressedChunkSource extends ChunkStore {
  /**
   * The chunk's compressed bytes, checked to decompress to bytes with this id.
   *
   * @throws ChunkMissingException when the store lacks it
   * @throws ChunkInvalidException when its bytes are not that chunk
   */
  byte[] getVerifiedCompressed(ChunkId id);
}
