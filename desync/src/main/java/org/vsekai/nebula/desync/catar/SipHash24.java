package org.vsekai.nebula.desync.catar;

/** SipHash-2-4 with a 128-bit key, returning the 64-bit hash; catar hashes file names with it. */
final class SipHash24 {
  private SipHash24() {}

  static long hash(long k0, long k1, byte[] m) {
    long[] v = {
      k0 ^ 0x736f6d6570736575L,
      k1 ^ 0x646f72616e646f6dL,
      k0 ^ 0x6c7967656e657261L,
      k1 ^ 0x7465646279746573L
    };
    int whole = m.length & ~7;
    for (int i = 0; i < whole; i += 8) {
      compress(v, littleEndian(m, i, 8));
    }
    compress(v, ((long) m.length << 56) | littleEndian(m, whole, m.length - whole));
    v[2] ^= 0xff;
    rounds(v, 4);
    return v[0] ^ v[1] ^ v[2] ^ v[3];
  }

  /** Absorbs one 8-byte word: the "2" of SipHash-2-4. */
  private static void compress(long[] v, long word) {
    v[3] ^= word;
    rounds(v, 2);
    v[0] ^= word;
  }

  private static void rounds(long[] v, int n) {
    for (int r = 0; r < n; r++) {
      v[0] += v[1];
      v[1] = Long.rotateLeft(v[1], 13) ^ v[0];
      v[0] = Long.rotateLeft(v[0], 32);
      v[2] += v[3];
      v[3] = Long.rotateLeft(v[3], 16) ^ v[2];
      v[0] += v[3];
      v[3] = Long.rotateLeft(v[3], 21) ^ v[0];
      v[2] += v[1];
      v[1] = Long.rotateLeft(v[1], 17) ^ v[2];
      v[2] = Long.rotateLeft(v[2], 32);
    }
  }

  private static long littleEndian(byte[] b, int off, int n) {
    long w = 0;
    for (int i = n - 1; i >= 0; i--) {
      w = (w << 8) | (b[off + i] & 0xffL);
    }
    return w;
  }
}
