package org.vsekai.nebula.server.tuf;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** What one refresh signed: the new version of each role it published (none when all was due). */
public record TufRefreshReport(Map<String, Long> published) {
  public TufRefreshReport {
    published =
        Collections.unmodifiableMap(new TreeMap<>(published == null ? Map.of() : published));
  }
}
