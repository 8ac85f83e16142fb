package org.vsekai.nebula.desync;

/** Decompresses and checks a chunk the way every store read must. */
public record ChunkVerifier(HashAlgorithm algorithm, int maxSize) {

  /** Accepts every chunk up to the largest size chunk sizes allow, hashed with SHA-512/256. */
  public static final ChunkVerifier DEFAULT =
      new ChunkVerifier(HashAlgorithm.SHA512_256, (int) ChunkSizes.LARGEST_MAX);

  public static ChunkVerifier forIndex(ChunkIndex index) {
    return new ChunkVerifier(index.hashAlgorithm(), index.sizes().maxInt());
  }

  /** The verified uncompressed bytes of {@code compressed}, which should be chunk {@code id}. */
  public byte[] decompress(ChunkId id, byte[] compressed, String location) {
    byte[] data;
    try {
      data = ChunkCodec.decompress(compressed, maxSize);
    } catch (ChunkInvalidException e) {
      throw new ChunkInvalidException(id, e.detail() + " in " + location);
    }
    verify(id, data, 0, data.length, location);
    return data;
  }

  public void verify(ChunkId id, byte[] data, int off, int len, String location) {
    ChunkId actual = ChunkId.digest(data, off, len, algorithm);
    if (!actual.equals(id)) {
      throw new ChunkInvalidException(
          id, "is corrupt in " + location + " (its bytes hash to " + actual + ")");
    }
  }
}
