package org.vsekai.nebula.schema;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.schema.db.HistoryRow;
import org.vsekai.nebula.schema.db.InstallDao;
import org.vsekai.nebula.schema.db.InstallModeRow;
import org.vsekai.nebula.schema.db.InstallRow;
import org.vsekai.nebula.schema.db.InstallVersionRow;
import org.vsekai.nebula.schema.db.NamedRow;
import org.vsekai.nebula.schema.db.VersionRow;

/** Installs in their 6NF tables; every method is one SERIALIZABLE transaction. */
public final class JdbiInstallRepository implements InstallRepository {
  private final SerializableTransactions tx;
  private final Clock clock;
  private final VersionRepository versions;

  public JdbiInstallRepository(SerializableTransactions tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
    this.versions = new JdbiVersionRepository(tx, clock);
  }

  private Instant now() {
    return StoredInstants.now(clock);
  }

  @Override
  public Created<Install> register(UUID installId, String product, String mode, SemVer version) {
    return tx.inTransaction(
        h -> {
          InstallDao installs = h.attach(InstallDao.class);
          Instant now = now();
          if (installId != null) {
            Optional<InstallRow> existing = installs.find(installId);
            if (existing.isPresent()) {
              if (!existing.get().product().equals(product)) {
                throw new RecordConflictException(
                    "install "
                        + installId
                        + " is registered for product '"
                        + existing.get().product()
                        + "'");
              }
              return new Created<>(info(h, existing.get(), now), false);
            }
          }
          return new Created<>(
              insert(h, installId != null ? installId : UUID.randomUUID(), product, mode, version),
              true);
        });
  }

  private Install insert(Handle h, UUID id, String product, String mode, SemVer version) {
    InstallDao installs = h.attach(InstallDao.class);
    Instant now = now();
    NamedRow p = CatalogLookups.product(h, product);
    NamedRow m = CatalogLookups.validMode(h, mode, now);
    installs.insert(id, p.id());
    installs.insertMode(id, m.id(), now);
    if (version != null) {
      VersionRow v = CatalogLookups.version(h, product, version);
      installs.insertVersion(id, v.id(), now);
    }
    return info(h, installs.find(id).orElseThrow(), now);
  }

  @Override
  public Registration registerWithCredential(String product, String mode, SemVer version) {
    return tx.inTransaction(
        h -> {
          Install install = insert(h, UUID.randomUUID(), product, mode, version);
          return new Registration(install, JdbiInstallCredentials.issue(h, install.id(), now()));
        });
  }

  @Override
  public Install switchMode(UUID installId, String mode) {
    return tx.inTransaction(
        h -> {
          Instant now = now();
          InstallDao installs = h.attach(InstallDao.class);
          InstallRow install = install(h, installId);
          NamedRow m = CatalogLookups.validMode(h, mode, now);
          Optional<InstallModeRow> current = installs.modeAt(installId, now);
          if (current.isEmpty() || !current.get().modeId().equals(m.id())) {
            installs.closeMode(installId, now);
            installs.insertMode(installId, m.id(), now);
          }
          return info(h, install, now);
        });
  }

  @Override
  public FollowedMode currentMode(UUID installId) {
    return tx.inReadOnlyTransaction(
        h -> {
          install(h, installId);
          InstallModeRow mode =
              h.attach(InstallDao.class)
                  .modeAt(installId, now())
                  .orElseThrow(
                      () ->
                          new RecordNotFoundException(
                              "install " + installId + " follows no mode now"));
          return new FollowedMode(mode.mode(), mode.validFrom());
        });
  }

  @Override
  public Install find(UUID installId) {
    return tx.inReadOnlyTransaction(h -> info(h, install(h, installId), now()));
  }

  @Override
  public Optional<PublishedVersion> latestFor(UUID installId) {
    Install install = find(installId);
    if (install.mode() == null) {
      throw new RecordNotFoundException("install " + installId + " follows no mode now");
    }
    return versions.current(install.product(), install.mode(), clock.instant());
  }

  @Override
  public Listing<InstallPeriod> history(UUID installId, String cursor, int limit) {
    PageCursors.Keyset after = PageCursors.decodeKeyset(cursor);
    return tx.inReadOnlyTransaction(
        h -> {
          install(h, installId);
          List<HistoryRow> rows =
              h.attach(InstallDao.class).history(installId, after.at(), after.id(), limit + 1);
          return Listing.of(
              rows,
              limit,
              r -> PageCursors.encode(new PageCursors.Keyset(r.validFrom(), r.id())),
              r -> new InstallPeriod(kind(r), r.value(), r.validFrom(), r.validTo()));
        });
  }

  static InstallRow install(Handle h, UUID installId) {
    return h.attach(InstallDao.class)
        .find(installId)
        .orElseThrow(
            () -> new RecordNotFoundException("install " + installId + " is not registered"));
  }

  private static Install info(Handle h, InstallRow install, Instant at) {
    InstallDao installs = h.attach(InstallDao.class);
    String mode = installs.modeAt(install.id(), at).map(InstallModeRow::mode).orElse(null);
    SemVer version =
        installs.versionAt(install.id(), at).map(InstallVersionRow::semVer).orElse(null);
    return new Install(install.id(), install.product(), mode, version, install.createdAt());
  }

  private static InstallPeriod.Kind kind(HistoryRow row) {
    return row.kind().equals("mode") ? InstallPeriod.Kind.MODE : InstallPeriod.Kind.VERSION;
  }
}
