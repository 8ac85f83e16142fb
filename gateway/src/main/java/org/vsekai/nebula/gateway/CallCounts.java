package org.vsekai.nebula.gateway;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many calls of each kind the gateway answered: what the service's metrics and the scaling
 * figures (polls per idle install per hour, calls per update) are measured with. Denied calls are
 * counted under one name each, so an attacker's method names cannot grow the map.
 */
public final class CallCounts {
  static final String DENIED = "denied";
  static final String UNAUTHENTICATED = "unauthenticated";
  static final String LIMITED = "limited";
  static final String DECLINED = "declined";

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  void allowed(String method) {
    add(method);
  }

  void denied() {
    add(DENIED);
  }

  void unauthenticated() {
    add(UNAUTHENTICATED);
  }

  void declined() {
    add(DECLINED);
  }

  void limited() {
    add(LIMITED);
  }

  private void add(String name) {
    counts.computeIfAbsent(name, n -> new LongAdder()).increment();
  }

  /** Every count so far, by method name (and the four refusal names), sorted. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((name, n) -> out.put(name, n.sum()));
    return out;
  }

  public long get(String name) {
    LongAdder n = counts.get(name);
    return n == null ? 0 : n.sum();
  }
}
