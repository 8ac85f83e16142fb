package org.vsekai.nebula.desync;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/** A chunk's name: the 32-byte digest of its uncompressed bytes, written as 64 lowercase hex. */
public final class ChunkId implements Comparable<ChunkId> {
  public static final int LENGTH = 32;
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;
  private final int hash;

  private ChunkId(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /** Wraps 32 bytes (copied). */
  public static ChunkId of(byte[] digest) {
    if (digest.length != LENGTH) {
      throw new IllegalArgumentException("a chunk id has 32 bytes, not " + digest.length);
    }
    return new ChunkId(digest.clone());
  }

  /** The SHA-512/256 id of {@code data}. */
  public static ChunkId digest(byte[] data) {
    return digest(data, 0, data.length, HashAlgorithm.SHA512_256);
  }

  public static ChunkId digest(byte[] data, int off, int len, HashAlgorithm algorithm) {
    MessageDigest md = algorithm.threadDigest();
    md.update(data, off, len);
    return new ChunkId(md.digest());
  }

  /** Parses 64 hex digits; anything else is rejected with the reason. */
  public static ChunkId fromHex(String hex) {
    if (hex == null || hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException(
          "'" + hex + "' is not a chunk id (64 hex digits expected)");
    }
    try {
      return new ChunkId(HEX.parseHex(hex.toLowerCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + hex + "' is not a chunk id (64 hex digits expected)");
    }
  }

  public static boolean isHex(String s) {
    if (s == null || s.length() != 2 * LENGTH) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Writes the 32 bytes into {@code dst} at {@code off}. */
  public void copyTo(byte[] dst, int off) {
    System.arraycopy(bytes, 0, dst, off, LENGTH);
  }

  public String toHex() {
    return HEX.formatHex(bytes);
  }

  /** The store's sub-folder for this chunk: its first four hex digits. */
  public String prefix() {
    return toHex().substring(0, 4);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChunkId other && hash == other.hash && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(ChunkId o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
