package org.vsekai.nebula.desync;

/**
 * Where chunks come from. Every read is verified: what {@link #get} returns decompressed within the
 * store's size limit and hashes to the id asked for.
 */
public interface ChunkStore extends AutoCloseable {

  /**
   * The chunk's uncompressed bytes.
   *
   * @throws ChunkMissingException the store does not have it
   * @throws ChunkInvalidException the store has it, but corrupt
   * @throws ChunkStoreException the store could not be asked
   */
  byte[] get(ChunkId id);

  /** Whether the store has the chunk (not verified). */
  boolean has(ChunkId id);

  /** Where the store is, for messages: a folder or a URL. */
  String location();

  @Override
  default void close() {}
}
