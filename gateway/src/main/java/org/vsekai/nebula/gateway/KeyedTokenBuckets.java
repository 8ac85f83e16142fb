package org.vsekai.nebula.gateway;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per key (an install, a client address): {@code perSecond} tokens a second up to
 * {@code burst}. Buckets that have filled up again are dropped now and then, so memory follows the
 * active keys, not every key ever seen.
 */
public final class KeyedTokenBuckets {
  private static final long SWEEP_EVERY_NANOS = 60_000_000_000L;

  private final double perSecond;
  private final double burst;
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private long nextSweepNanos = System.nanoTime() + SWEEP_EVERY_NANOS;

  public KeyedTokenBuckets(double perSecond, double burst) {
    if (perSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("a rate needs tokens per second > 0 and a burst >= 1");
    }
    this.perSecond = perSecond;
    this.burst = burst;
  }

  /**
   * Takes a token from {@code key}'s bucket.
   *
   * @return 0 when taken; else the seconds until one will be there (what Retry-After says)
   */
  public long take(String key) {
    long now = System.nanoTime();
    sweepNowAndThen(now);
    return buckets.computeIfAbsent(key, k -> new Bucket(burst, now)).take(now, perSecond, burst);
  }

  private void sweepNowAndThen(long now) {
    synchronized (this) {
      if (now < nextSweepNanos) {
        return;
      }
      nextSweepNanos = now + SWEEP_EVERY_NANOS;
    }
    buckets.values().removeIf(b -> b.full(now, perSecond, burst));
  }

  private static final class Bucket {
    private double tokens;
    private long refilledAt;

    Bucket(double burst, long now) {
      tokens = burst;
      refilledAt = now;
    }

    synchronized long take(long now, double perSecond, double burst) {
      refill(now, perSecond, burst);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
    }

    synchronized boolean full(long now, double perSecond, double burst) {
      refill(now, perSecond, burst);
      return tokens >= burst;
    }

    private void refill(long now, double perSecond, double burst) {
      tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
      refilledAt = now;
    }
  }
}
