package org.vsekai.nebula.desync;

/**
 * Decides {@code h mod d == d - 1} (unsigned) for the rolling hash h without a division per byte.
 *
 * <p>{@code h mod d == d - 1} is {@code (h + 1) mod d == 0} except where h + 1 wraps to zero. With
 * {@code d = odd * 2^k}, v is divisible by d exactly when {@code rotr(v * inverse(odd), k) <= (2^32
 * - 1) / d} (Hacker's Delight, 10-17), a multiply and a rotate. Every hit is then confirmed with
 * the exact unsigned remainder, which settles the wrap-around case and costs nothing on the misses
 * that make up almost every byte.
 */
final class BoundaryTest {
  private final int divisor;
  private final int inverseOfOddPart;
  private final int rotation;
  private final int limitBiased;

  BoundaryTest(int divisor) {
    if (divisor == 0) {
      throw new IllegalArgumentException("discriminator is zero");
    }
    this.divisor = divisor;
    this.rotation = Integer.numberOfTrailingZeros(divisor);
    this.inverseOfOddPart = inverse(divisor >>> rotation);
    this.limitBiased = Integer.divideUnsigned(-1, divisor) + Integer.MIN_VALUE;
  }

  /** Newton's iteration for the inverse of an odd number modulo 2^32. */
  private static int inverse(int odd) {
    int x = odd;
    for (int i = 0; i < 5; i++) {
      x *= 2 - odd * x;
    }
    return x;
  }

  boolean isBoundary(int h) {
    int q = Integer.rotateRight((h + 1) * inverseOfOddPart, rotation);
    return q + Integer.MIN_VALUE <= limitBiased && exact(h);
  }

  boolean exact(int h) {
    return Integer.remainderUnsigned(h, divisor) == divisor - 1;
  }
}
