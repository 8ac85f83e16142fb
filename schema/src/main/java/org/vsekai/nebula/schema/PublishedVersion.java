package org.vsekai.nebula.schema;

import java.time.Instant;
import java.util.List;
import org.vsekai.nebula.api.SemVer;

/**
 * A published version of a product, with its current or latest validity period and the modes
 * offering it at the moment it was read.
 */
public record PublishedVersion(
    String product,
    SemVer version,
    String executablePath,
    Instant publishedAt,
    Instant validFrom,
    Instant validTo,
    List<String> modes) {
  public PublishedVersion {
    modes = List.copyOf(modes);
  }
}
