package org.vsekai.nebula.desync;

/**
 * Minimum, average and maximum chunk size in bytes, as recorded in every index. The average only
 * sets the discriminator of the boundary test; min and max bound every chunk but the last.
 */
public record ChunkSizes(long min, long avg, long max) {

  /** casync's and desync's defaults: 16 KiB / 64 KiB / 256 KiB. */
  public static final ChunkSizes DEFAULT = new ChunkSizes(16 * 1024, 64 * 1024, 256 * 1024);

  /** Chunks are held in byte arrays, so max is capped well below 2 GiB. */
  public static final long LARGEST_MAX = 64L * 1024 * 1024;

  public ChunkSizes {
    if (min < BuzHash.WINDOW) {
      throw new IllegalArgumentException(
          "min chunk size " + min + " is too small, it must be at least " + BuzHash.WINDOW);
    }
    if (min > avg) {
      throw new IllegalArgumentException("min chunk size " + min + " is greater than avg " + avg);
    }
    if (avg > max) {
      throw new IllegalArgumentException("avg chunk size " + avg + " is greater than max " + max);
    }
    if (max > LARGEST_MAX) {
      throw new IllegalArgumentException(
          "max chunk size " + max + " is larger than " + LARGEST_MAX);
    }
  }

  /** Parses desync's {@code -m MIN:AVG:MAX} with sizes in KiB, e.g. {@code 16:64:256}. */
  public static ChunkSizes parseKiB(String text) {
    String[] parts = text.split(":");
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "chunk sizes '" + text + "' must be MIN:AVG:MAX in KiB, e.g. 16:64:256");
    }
    try {
      return new ChunkSizes(
          Long.parseLong(parts[0].trim()) * 1024,
          Long.parseLong(parts[1].trim()) * 1024,
          Long.parseLong(parts[2].trim()) * 1024);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "chunk sizes '" + text + "' must be three whole numbers of KiB, e.g. 16:64:256");
    }
  }

  /**
   * The boundary test's divisor, computed exactly as both tools do: in IEEE doubles, truncated to
   * an unsigned 32-bit value. It makes the mean distance between boundaries about {@code avg}.
   */
  public int discriminator() {
    double d = (double) avg / ((double) avg * -1.42888852e-7 + 1.33237515);
    return (int) (long) d;
  }

  public int minInt() {
    return (int) min;
  }

  public int maxInt() {
    return (int) max;
  }

  @Override
  public String toString() {
    return min + ":" + avg + ":" + max;
  }
}
