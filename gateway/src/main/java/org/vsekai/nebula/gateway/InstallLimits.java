package org.vsekai.nebula.gateway;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What one install may cost the cluster: a few long polls at once (its worker runs one) and a
 * steady rate of calls with a burst (heartbeats come at most every second). Beyond either, calls
 * end RESOURCE_EXHAUSTED and reach nothing upstream. Buckets of installs that went quiet are
 * dropped, so memory follows the online installs, not every install ever seen.
 */
final class InstallLimits {
  private final int maxPolls;
  private final double callsPerSecond;
  private final double burst;
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private long nextSweepNanos = System.nanoTime();

  InstallLimits(int maxPolls, double callsPerSecond, double burst) {
    this.maxPolls = maxPolls;
    this.callsPerSecond = callsPerSecond;
    this.burst = burst;
  }

  /** Takes one call from the caller's budget. */
  void call(InstallCaller caller) {
    sweepNowAndThen();
    if (!bucket(caller).take(callsPerSecond, burst)) {
      throw exhausted("install " + caller.installId() + " calls the gateway too often");
    }
  }

  /** Counts a long poll in; the returned handle counts it out. */
  Runnable poll(InstallCaller caller) {
    Bucket b = bucket(caller);
    synchronized (b) {
      if (b.polls >= maxPolls) {
        throw exhausted(
            "install " + caller.installId() + " already has " + maxPolls + " polls open");
      }
      b.polls++;
    }
    return () -> {
      synchronized (b) {
        b.polls--;
      }
    };
  }

  private Bucket bucket(InstallCaller caller) {
    return buckets.computeIfAbsent(caller.installId(), id -> new Bucket(burst));
  }

  private void sweepNowAndThen() {
    long now = System.nanoTime();
    synchronized (this) {
      if (now < nextSweepNanos) {
        return;
      }
      nextSweepNanos = now + 60_000_000_000L;
    }
    buckets.values().removeIf(b -> b.idle(now, callsPerSecond, burst));
  }

  private static StatusRuntimeException exhausted(String why) {
    return Status.RESOURCE_EXHAUSTED.withDescription(why).asRuntimeException();
  }

  private static final class Bucket {
    private double tokens;
    private long refilledAt = System.nanoTime();
    private int polls;

    Bucket(double burst) {
      tokens = burst;
    }

    synchronized boolean take(double perSecond, double burst) {
      refill(System.nanoTime(), perSecond, burst);
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }

    synchronized boolean idle(long now, double perSecond, double burst) {
      refill(now, perSecond, burst);
      return polls == 0 && tokens >= burst;
    }

    private void refill(long now, double perSecond, double burst) {
      tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
      refilledAt = now;
    }
  }
}
