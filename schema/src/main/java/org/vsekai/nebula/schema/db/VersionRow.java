package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.UUID;
import org.vsekai.nebula.api.SemVer;

/**
 * A version with one of its validity periods (the one valid at the queried time, or its latest;
 * both null when it never had one).
 */
public record VersionRow(
    UUID id,
    UUID productId,
    long major,
    long minor,
    long patch,
    String tag,
    String build,
    String executablePath,
    Instant createdAt,
    Instant validFrom,
    Instant validTo) {

  public SemVer semVer() {
    return new SemVer(major, minor, patch, tag, build);
  }

  public boolean sameCore(VersionRow o) {
    return major == o.major && minor == o.minor && patch == o.patch;
  }
}
