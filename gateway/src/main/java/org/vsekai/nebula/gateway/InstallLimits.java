package org.vsekai.nebula.gateway;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one install may cost the cluster: a few long polls at once (its worker runs one) and a
 * steady rate of calls with a burst (heartbeats come at most every second). Beyond either, calls
 * end RESOURCE_EXHAUSTED and reach nothing upstream.
 */
final class InstallLimits {
  private final int maxPolls;
  private final KeyedTokenBuckets calls;
  private final ConcurrentMap<String, AtomicInteger> openPolls = new ConcurrentHashMap<>();

  InstallLimits(int maxPolls, double callsPerSecond, double burst) {
    this.maxPolls = maxPolls;
    this.calls = new KeyedTokenBuckets(callsPerSecond, burst);
  }

  /** Takes one call from the caller's budget. */
  void call(InstallCaller caller) {
    if (calls.take(caller.installId()) > 0) {
      throw exhausted("install " + caller.installId() + " calls the gateway too often");
    }
  }

  /** Counts a long poll in; the returned handle counts it out. */
  Runnable poll(InstallCaller caller) {
    String id = caller.installId();
    AtomicInteger open = openPolls.computeIfAbsent(id, k -> new AtomicInteger());
    if (open.incrementAndGet() > maxPolls) {
      release(id, open);
      throw exhausted("install " + id + " already has " + maxPolls + " polls open");
    }
    return () -> release(id, open);
  }

  private void release(String id, AtomicInteger open) {
    if (open.decrementAndGet() == 0) {
      // Dropped once idle, so the map holds the installs polling now, not every one seen.
      openPolls.remove(id, open);
    }
  }

  private static StatusRuntimeException exhausted(String why) {
    return Status.RESOURCE_EXHAUSTED.withDescription(why).asRuntimeException();
  }
}
