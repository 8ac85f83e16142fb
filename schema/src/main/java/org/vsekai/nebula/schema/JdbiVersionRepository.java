package org.vsekai.nebula.schema;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.schema.db.ManifestDao;
import org.vsekai.nebula.schema.db.ManifestRow;
import org.vsekai.nebula.schema.db.NamedRow;
import org.vsekai.nebula.schema.db.VersionDao;
import org.vsekai.nebula.schema.db.VersionRow;

/** Versions and manifests read in read-only SERIALIZABLE transactions. */
public final class JdbiVersionRepository implements VersionRepository {
  /**
   * How many candidates the current-version query reads at once. Only versions sharing the highest
   * major.minor.patch matter; when all of them do (many pre-releases of one version), a second
   * query reads that version's pre-releases in full.
   */
  static final int CURRENT_VERSION_CANDIDATES = VersionDao.CANDIDATES;

  private final SerializableTransactions tx;
  private final Clock clock;

  public JdbiVersionRepository(SerializableTransactions tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public Optional<PublishedVersion> current(String product, String mode, Instant at) {
    Instant when = StoredInstants.micros(at);
    return tx.inReadOnlyTransaction(
        h -> {
          Optional<VersionRow> current = currentRow(h, product, mode, when);
          if (current.isEmpty()) {
            // Only now tell "nothing offered" from "no such product or mode".
            CatalogLookups.product(h, product);
            CatalogLookups.mode(h, mode);
            return Optional.empty();
          }
          VersionRow row = current.get();
          return Optional.of(
              CatalogLookups.published(
                  product, row, CatalogLookups.modesAt(h, List.of(row.id()), when)));
        });
  }

  /** The hot query, inside a caller's transaction; one round trip unless pre-releases abound. */
  private static Optional<VersionRow> currentRow(
      Handle h, String product, String mode, Instant at) {
    VersionDao versions = h.attach(VersionDao.class);
    List<VersionRow> top = versions.offeredAt(product, mode, at);
    if (top.isEmpty()) {
      return Optional.empty();
    }
    VersionRow highest = top.get(0);
    List<VersionRow> sameCore = top.stream().filter(highest::sameCore).toList();
    if (sameCore.size() == CURRENT_VERSION_CANDIDATES) {
      sameCore =
          versions.offeredAtWithCore(
              highest.productId(), mode, at, highest.major(), highest.minor(), highest.patch());
    }
    return sameCore.stream().max(Comparator.comparing(VersionRow::semVer));
  }

  @Override
  public PublishedVersion find(String product, SemVer version) {
    return tx.inReadOnlyTransaction(
        h ->
            CatalogLookups.published(
                h, CatalogLookups.version(h, product, version), StoredInstants.now(clock)));
  }

  @Override
  public Listing<PublishedVersion> list(String product, String cursor, int limit) {
    PageCursors.Keyset after = PageCursors.decodeKeyset(cursor);
    return tx.inReadOnlyTransaction(
        h -> {
          NamedRow p = CatalogLookups.product(h, product);
          List<VersionRow> rows =
              h.attach(VersionDao.class)
                  .pageByPublication(p.id(), after.at(), after.id(), limit + 1);
          List<UUID> ids = rows.stream().limit(limit).map(VersionRow::id).toList();
          Map<UUID, List<String>> modes = CatalogLookups.modesAt(h, ids, StoredInstants.now(clock));
          return Listing.of(
              rows,
              limit,
              r -> PageCursors.encode(new PageCursors.Keyset(r.createdAt(), r.id())),
              r -> CatalogLookups.published(product, r, modes));
        });
  }

  @Override
  public StoredManifest manifest(String product, SemVer version) {
    return tx.inReadOnlyTransaction(
        h -> {
          VersionRow row = CatalogLookups.version(h, product, version);
          ManifestDao manifests = h.attach(ManifestDao.class);
          ManifestRow m =
              manifests
                  .latest(row.id())
                  .orElseThrow(
                      () ->
                          new RecordNotFoundException(
                              product + " " + version + " has no manifest"));
          return new StoredManifest(row, m, manifests.files(row.id()));
        });
  }
}
