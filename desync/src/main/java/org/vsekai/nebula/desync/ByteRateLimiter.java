package org.vsekai.nebula.desync;

/**
 * Caps a transfer rate in bytes per second, for players on slow or metered links. A token bucket
 * with one second of burst: callers that received more than their share sleep it off, so the
 * average rate over any few seconds stays under the cap whatever the number of threads.
 */
public final class ByteRateLimiter implements TransferListener {
  private final long bytesPerSecond;
  private double available;
  private long last;

  public ByteRateLimiter(long bytesPerSecond) {
    if (bytesPerSecond <= 0) {
      throw new IllegalArgumentException("rate must be positive");
    }
    this.bytesPerSecond = bytesPerSecond;
    this.available = bytesPerSecond;
    this.last = System.nanoTime();
  }

  public long bytesPerSecond() {
    return bytesPerSecond;
  }

  @Override
  public void received(long bytes) {
    long waitNanos;
    synchronized (this) {
      long now = System.nanoTime();
      available = Math.min(bytesPerSecond, available + (now - last) / 1e9 * bytesPerSecond);
      last = now;
      available -= bytes;
      waitNanos = available >= 0 ? 0 : (long) (-available / bytesPerSecond * 1e9);
    }
    if (waitNanos > 0) {
      try {
        Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ChunkStoreException("interrupted while pacing the download", e);
      }
    }
  }
}
