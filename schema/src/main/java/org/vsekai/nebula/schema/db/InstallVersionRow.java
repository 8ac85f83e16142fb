package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.UUID;
import org.vsekai.nebula.api.SemVer;

/** A period during which an install ran a version. */
public record InstallVersionRow(
    UUID id,
    UUID versionId,
    long major,
    long minor,
    long patch,
    String tag,
    String build,
    Instant validFrom,
    Instant validTo) {

  public SemVer semVer() {
    return new SemVer(major, minor, patch, tag, build);
  }
}
