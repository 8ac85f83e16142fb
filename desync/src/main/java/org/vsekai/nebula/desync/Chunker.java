package org.vsekai.nebula.desync;

/**
 * Content-defined chunking, pure: bytes in, chunk lengths out. A boundary falls where the buzhash
 * of the last 48 bytes of the candidate chunk satisfies the {@link BoundaryTest}; a chunk is cut at
 * {@code max} when none is found, and the remainder of the data is the last chunk. The hash
 * restarts at every cut, so the chunks of a stream depend only on where the current chunk starts.
 */
public final class Chunker {
  private final ChunkSizes sizes;
  private final BoundaryRule rule;
  private final BoundaryTest test;
  private final int min;
  private final int max;

  public Chunker(ChunkSizes sizes) {
    this(sizes, BoundaryRule.DESYNC);
  }

  public Chunker(ChunkSizes sizes, BoundaryRule rule) {
    this.sizes = sizes;
    this.rule = rule;
    this.min = sizes.minInt();
    this.max = sizes.maxInt();
    int d = sizes.discriminator();
    if (rule == BoundaryRule.CASYNC) {
      d = (int) Math.max(sizes.min(), Math.min(sizes.max(), Integer.toUnsignedLong(d)));
    }
    this.test = new BoundaryTest(d);
  }

  public ChunkSizes sizes() {
    return sizes;
  }

  public BoundaryRule rule() {
    return rule;
  }

  /**
   * The length of the chunk that starts at {@code buf[off]}.
   *
   * @param available bytes readable from {@code off}; at least {@code max} unless the data ends at
   *     {@code off + available}
   */
  public int nextChunkLength(byte[] buf, int off, int available) {
    if (available <= min) {
      return available;
    }
    int end = off + Math.min(available, max);
    int h = BuzHash.window(buf, off + min - BuzHash.WINDOW);
    if (rule == BoundaryRule.CASYNC && test.isBoundary(h)) {
      return min;
    }
    final int[] in = BuzHash.TABLE;
    final int[] out = BuzHash.TABLE_OUT;
    final BoundaryTest t = test;
    for (int pos = off + min; pos < end; pos++) {
      h = Integer.rotateLeft(h, 1) ^ out[buf[pos - BuzHash.WINDOW] & 0xff] ^ in[buf[pos] & 0xff];
      if (t.isBoundary(h)) {
        return pos + 1 - off;
      }
    }
    return end - off;
  }
}
