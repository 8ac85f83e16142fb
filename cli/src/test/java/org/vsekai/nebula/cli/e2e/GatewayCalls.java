package org.vsekai.nebula.cli.e2e;

import java.util.Map;
import java.util.TreeMap;

/** Differences of the install gateway's call counts between two moments. */
final class GatewayCalls {
  private GatewayCalls() {}

  static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> out = new TreeMap<>();
    after.forEach(
        (method, n) -> {
          long d = n - before.getOrDefault(method, 0L);
          if (d != 0) {
            out.put(method, d);
          }
        });
    return out;
  }
}
