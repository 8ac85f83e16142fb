package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.UUID;
import org.vsekai.nebula.api.SemVer;

/**
 * One period of an install's history: {@code kind} "mode" (then {@code mode} is set) or "version"
 * (then the version columns are).
 */
public record HistoryRow(
    UUID id,
    String kind,
    String mode,
    Long major,
    Long minor,
    Long patch,
    String tag,
    String build,
    Instant validFrom,
    Instant validTo) {

  public String value() {
    return mode != null ? mode : new SemVer(major, minor, patch, tag, build).toString();
  }
}
