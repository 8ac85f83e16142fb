package org.vsekai.nebula.schema;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.schema.db.ManifestRow;
import org.vsekai.nebula.schema.db.VersionFileRow;
import org.vsekai.nebula.schema.db.VersionRow;

/**
 * Reading what is published: a product's versions, the one a mode offers, and each version's signed
 * manifest. {@link JdbiVersionRepository} reads them from the database.
 */
public interface VersionRepository {
  /**
   * The current version of a product in a mode at {@code at}: the highest SemVer (semver.org
   * pre-release ordering) among the versions valid at {@code at} and released to the mode at {@code
   * at}. Empty when there is none.
   *
   * @throws RecordNotFoundException the product or mode does not exist
   */
  Optional<PublishedVersion> current(String product, String mode, Instant at);

  /**
   * @throws RecordNotFoundException the product or version does not exist
   */
  PublishedVersion find(String product, SemVer version);

  /**
   * A product's versions, the most recently published first.
   *
   * @throws RecordNotFoundException the product does not exist
   */
  Listing<PublishedVersion> list(String product, String cursor, int limit);

  /**
   * The version's newest manifest signature and its files, read together.
   *
   * @throws RecordNotFoundException the version does not exist or has no manifest
   */
  StoredManifest manifest(String product, SemVer version);

  /** A version's row, its newest manifest signature and its files. */
  record StoredManifest(VersionRow version, ManifestRow manifest, List<VersionFileRow> files) {}
}
