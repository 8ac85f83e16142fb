package org.vsekai.nebula.api.rest;

import java.time.Instant;
import java.util.List;

/**
 * A published version of a product.
 *
 * @param version the SemVer text, e.g. {@code 0.2.0-beta.1}
 * @param validFrom start of the version's current or latest validity period
 * @param validTo end of that period, null while open-ended
 * @param modes the modes the version is released to now
 */
public record VersionInfo(
    String product,
    String version,
    String executablePath,
    Instant publishedAt,
    Instant validFrom,
    Instant validTo,
    List<String> modes) {
  public VersionInfo {
    modes = modes == null ? List.of() : List.copyOf(modes);
  }
}
