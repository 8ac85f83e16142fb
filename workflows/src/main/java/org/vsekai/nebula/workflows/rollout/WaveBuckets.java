package org.vsekai.nebula.workflows.rollout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Which wave reaches an install: its id hashed into one of {@value #BUCKETS} buckets, and a wave of
 * cumulative {@code p} percent reaching the buckets below {@code p * 100}. The hash depends on the
 * id alone, so an install keeps its place in every rollout (the 1% that test a release are the same
 * machines each time), and ids a client chose in sequence still spread evenly.
 */
public final class WaveBuckets {

  /** Hundredths of a percent: waves of any whole percentage are exact. */
  public static final int BUCKETS = 10_000;

  private WaveBuckets() {}

  /** The install's bucket, 0 to {@value #BUCKETS} - 1. */
  public static int bucketOf(String installId) {
    byte[] digest = sha256(installId.toLowerCase(Locale.ROOT));
    return (int) Long.remainderUnsigned(ByteBuffer.wrap(digest).getLong(), BUCKETS);
  }

  /** Whether a wave reaching {@code cumulativePercent} percent of the fleet reaches the install. */
  public static boolean reaches(int cumulativePercent, String installId) {
    return bucketOf(installId) < cumulativePercent * (BUCKETS / 100);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
