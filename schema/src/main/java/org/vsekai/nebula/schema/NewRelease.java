package org.vsekai.nebula.schema;

import java.time.Instant;
import java.util.List;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.schema.db.VersionFileRow;

/**
 * A version to register and release to its first mode, with its files and signed manifest; the
 * caller has already checked that every index and chunk it references is stored.
 */
public record NewRelease(
    String product,
    SemVer version,
    String mode,
    String executablePath,
    Instant validFrom,
    List<VersionFileRow> files,
    SignedEnvelope manifest) {

  public NewRelease {
    files = List.copyOf(files);
  }
}
