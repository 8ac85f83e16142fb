package org.vsekai.nebula.cli.local;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Speed and time left of a long step, from the last few seconds of byte counts: what a player sees
 * beside the progress bar. A new step or a count that goes back starts over.
 */
final class ProgressRate {
  private static final long WINDOW_NANOS = 5_000_000_000L;

  private record Sample(long nanos, long bytes) {}

  private final Deque<Sample> samples = new ArrayDeque<>();
  private String step;

  /** Records a count and returns the rate in bytes per second (0 until there are two samples). */
  synchronized long sample(String step, long bytes, long nanos) {
    if (step == null
        || !step.equals(this.step)
        || (!samples.isEmpty() && bytes < samples.peekLast().bytes())) {
      samples.clear();
      this.step = step;
    }
    samples.addLast(new Sample(nanos, bytes));
    while (samples.size() > 2 && nanos - samples.peekFirst().nanos() > WINDOW_NANOS) {
      samples.removeFirst();
    }
    Sample first = samples.peekFirst();
    long elapsed = nanos - first.nanos();
    if (elapsed <= 0) {
      return 0;
    }
    return (bytes - first.bytes()) * 1_000_000_000L / elapsed;
  }

  /** Seconds left at {@code rate}, or -1 when unknown. */
  static long etaSeconds(long done, long total, long rate) {
    if (rate <= 0 || total <= 0 || done >= total) {
      return -1;
    }
    return (total - done + rate - 1) / rate;
  }
}
