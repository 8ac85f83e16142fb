package org.vsekai.nebula.cli.update;

import java.util.ArrayDeque;

/** Throughput over the last few seconds of samples, for the rate and ETA shown. */
final class RateMeter {
  private static final long WINDOW_NANOS = 4_000_000_000L;
  private final ArrayDeque<long[]> samples = new ArrayDeque<>();

  long add(long bytes) {
    long now = System.nanoTime();
    if (!samples.isEmpty() && bytes < samples.peekLast()[1]) {
      samples.clear(); // a new step began
    }
    samples.addLast(new long[] {now, bytes});
    while (samples.size() > 2 && now - samples.peekFirst()[0] > WINDOW_NANOS) {
      samples.removeFirst();
    }
    long[] first = samples.peekFirst();
    long dt = now - first[0];
    return dt <= 0 ? 0 : (bytes - first[1]) * 1_000_000_000L / dt;
  }
}
