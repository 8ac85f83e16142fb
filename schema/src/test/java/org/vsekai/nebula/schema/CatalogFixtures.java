package org.vsekai.nebula.schema;

import java.time.Instant;
import java.util.List;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.schema.db.VersionFileRow;

/** Releases for repository tests; the manifest JSON is a placeholder the database stores as is. */
public final class CatalogFixtures {
  private CatalogFixtures() {}

  public static NewRelease release(
      String product, String version, String mode, Instant validFrom, Instant signedAt) {
    return new NewRelease(
        product,
        SemVer.parse(version),
        mode,
        "bin/game",
        validFrom,
        List.of(new VersionFileRow("bin/game", 42, "0755", "ab".repeat(32))),
        new SignedEnvelope(
            "key1",
            "{\"version\":\"" + version + "\"}",
            signedAt,
            signedAt.plusSeconds(86_400 * 30)));
  }
}
