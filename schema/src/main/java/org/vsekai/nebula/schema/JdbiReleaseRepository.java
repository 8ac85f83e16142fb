package org.vsekai.nebula.schema;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.schema.db.ManifestDao;
import org.vsekai.nebula.schema.db.NamedRow;
import org.vsekai.nebula.schema.db.ReleaseDao;
import org.vsekai.nebula.schema.db.VersionDao;
import org.vsekai.nebula.schema.db.VersionRow;

/** Releases and withdrawals, each one SERIALIZABLE transaction; "now" comes from the clock. */
public final class JdbiReleaseRepository implements ReleaseRepository {
  private final SerializableTransactions tx;
  private final Clock clock;

  public JdbiReleaseRepository(SerializableTransactions tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public PublishedVersion register(NewRelease release) {
    return tx.inTransaction(
        h -> {
          Instant from = StoredInstants.microsOrNow(release.validFrom(), clock);
          NamedRow product = CatalogLookups.validProduct(h, release.product(), from);
          NamedRow mode = CatalogLookups.validMode(h, release.mode(), from);
          SemVer v = release.version();
          VersionDao versions = h.attach(VersionDao.class);
          if (versions
              .find(product.id(), v.major(), v.minor(), v.patch(), v.preRelease())
              .isPresent()) {
            throw new RecordConflictException(release.product() + " " + v + " already exists");
          }
          UUID versionId =
              versions.insert(
                  product.id(),
                  v.major(),
                  v.minor(),
                  v.patch(),
                  v.preRelease(),
                  v.build(),
                  release.executablePath());
          versions.insertValidity(versionId, from, null);
          h.attach(ReleaseDao.class).insert(versionId, mode.id(), from, null);
          ManifestDao manifests = h.attach(ManifestDao.class);
          manifests.insertFiles(versionId, release.files());
          SignedEnvelope m = release.manifest();
          manifests.insert(
              versionId,
              m.keyId(),
              m.json(),
              StoredInstants.micros(m.signedAt()),
              StoredInstants.micros(m.expiresAt()));
          return CatalogLookups.published(
              h, versions.findById(versionId).orElseThrow(), StoredInstants.now(clock));
        });
  }

  @Override
  public PublishedVersion releaseToMode(
      String product, SemVer version, String mode, Instant validFrom) {
    return tx.inTransaction(
        h -> {
          Instant from = StoredInstants.microsOrNow(validFrom, clock);
          VersionRow row = CatalogLookups.version(h, product, version);
          NamedRow m = CatalogLookups.validMode(h, mode, from);
          ReleaseDao releases = h.attach(ReleaseDao.class);
          if (releases.findOpen(row.id(), m.id()).isPresent()) {
            throw new RecordConflictException(
                product + " " + version + " is already released to " + mode);
          }
          releases.insert(row.id(), m.id(), from, null);
          return CatalogLookups.published(h, row, StoredInstants.now(clock));
        });
  }

  @Override
  public PublishedVersion withdrawFromMode(String product, SemVer version, String mode) {
    return tx.inTransaction(
        h -> {
          VersionRow row = CatalogLookups.version(h, product, version);
          NamedRow m = CatalogLookups.mode(h, mode);
          Instant now = StoredInstants.now(clock);
          if (h.attach(ReleaseDao.class).close(row.id(), m.id(), now) == 0) {
            throw new RecordNotFoundException(
                product + " " + version + " is not released to " + mode);
          }
          return CatalogLookups.published(h, row, now);
        });
  }

  @Override
  public PublishedVersion withdraw(String product, SemVer version) {
    return tx.inTransaction(
        h -> {
          VersionRow row = CatalogLookups.version(h, product, version);
          VersionDao versions = h.attach(VersionDao.class);
          Instant now = StoredInstants.now(clock);
          versions.closeValidity(row.id(), now);
          return CatalogLookups.published(h, versions.findById(row.id()).orElseThrow(), now);
        });
  }
}
