package org.vsekai.nebula.schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.vsekai.nebula.schema.db.FilePatchDao;
import org.vsekai.nebula.schema.db.OfferedReleaseDao;
import org.vsekai.nebula.schema.db.TufMetadataDao;
import org.vsekai.nebula.schema.db.TufMetadataRow;

/**
 * The signed TUF metadata the service serves ({@code tuf_metadata}), and the catalog as the targets
 * role sees it. Reads are single statements in a read-only transaction; a write is one SERIALIZABLE
 * transaction that reads what it decides from and inserts what it decided, run again from the top
 * when another writer got there first, so two services that sign the same next version cannot both
 * store it, and the loser decides again from the winner's row.
 */
public final class TufMetadataRepository {
  /** What a write decides from, read inside its transaction. */
  public interface Reads {
    /** The highest stored version of {@code role}. */
    Optional<TufMetadataRow> latest(String role);

    /** The releases offered at {@code at}, by product and version. */
    List<OfferedRelease> offeredReleases(Instant at);
  }

  private final SerializableTransactions tx;

  public TufMetadataRepository(SerializableTransactions tx) {
    this.tx = tx;
  }

  public Optional<TufMetadataRow> latest(String role) {
    return tx.inReadOnlyTransaction(h -> h.attach(TufMetadataDao.class).latest(role));
  }

  public Optional<TufMetadataRow> find(String role, long version) {
    return tx.inReadOnlyTransaction(h -> h.attach(TufMetadataDao.class).find(role, version));
  }

  /** The releases offered at {@code at}, read in one consistent snapshot. */
  public List<OfferedRelease> offeredReleases(Instant at) {
    return tx.inReadOnlyTransaction(h -> offered(h, at));
  }

  /**
   * Stores {@code row} unless that version of its role is stored already, and returns the row that
   * is stored afterwards: {@code row}, or the one another writer stored first.
   */
  public TufMetadataRow insert(TufMetadataRow row) {
    return tx.inTransaction(
        h -> {
          TufMetadataDao dao = h.attach(TufMetadataDao.class);
          Optional<TufMetadataRow> existing = dao.find(row.role(), row.version());
          if (existing.isPresent()) {
            return existing.get();
          }
          dao.insert(row);
          return row;
        });
  }

  /**
   * Runs {@code decide} on what is stored and inserts the rows it returns, all in one transaction.
   * {@code decide} may run more than once (after a conflict) and must have no other effect; an
   * exception it throws rolls everything back and is passed on.
   *
   * @return the rows inserted, in the order {@code decide} gave them
   */
  public List<TufMetadataRow> write(Function<Reads, List<TufMetadataRow>> decide) {
    return tx.inTransaction(
        h -> {
          TufMetadataDao dao = h.attach(TufMetadataDao.class);
          List<TufMetadataRow> rows =
              List.copyOf(
                  decide.apply(
                      new Reads() {
                        @Override
                        public Optional<TufMetadataRow> latest(String role) {
                          return dao.latest(role);
                        }

                        @Override
                        public List<OfferedRelease> offeredReleases(Instant at) {
                          return offered(h, at);
                        }
                      }));
          rows.forEach(dao::insert);
          return rows;
        });
  }

  private static List<OfferedRelease> offered(Handle h, Instant at) {
    OfferedReleaseDao dao = h.attach(OfferedReleaseDao.class);
    List<OfferedReleaseDao.OfferedMode> pairs = dao.offeredAt(StoredInstants.micros(at));
    if (pairs.isEmpty()) {
      return List.of();
    }
    Map<UUID, List<OfferedReleaseDao.OfferedMode>> byVersion = new LinkedHashMap<>();
    for (OfferedReleaseDao.OfferedMode p : pairs) {
      byVersion.computeIfAbsent(p.versionId(), id -> new ArrayList<>()).add(p);
    }
    Map<UUID, List<OfferedReleaseDao.OfferedFile>> files =
        dao.files(byVersion.keySet()).stream()
            .collect(Collectors.groupingBy(OfferedReleaseDao.OfferedFile::versionId));
    Map<UUID, List<FilePatchDao.VersionPatch>> patches =
        h.attach(FilePatchDao.class).ofVersions(byVersion.keySet()).stream()
            .collect(Collectors.groupingBy(FilePatchDao.VersionPatch::versionId));
    Map<UUID, String> envelopes =
        dao.latestEnvelopes(byVersion.keySet()).stream()
            .collect(
                Collectors.toMap(
                    OfferedReleaseDao.Envelope::versionId, OfferedReleaseDao.Envelope::envelope));
    List<OfferedRelease> out = new ArrayList<>();
    byVersion.forEach(
        (id, modes) -> {
          String envelope = envelopes.get(id);
          // Every release is registered with its manifest in one transaction; one without could
          // be neither verified nor installed, so it is not offered.
          if (envelope == null) {
            return;
          }
          OfferedReleaseDao.OfferedMode first = modes.get(0);
          out.add(
              new OfferedRelease(
                  first.product(),
                  first.semVer().toString(),
                  List.copyOf(
                      modes.stream()
                          .map(OfferedReleaseDao.OfferedMode::mode)
                          .collect(Collectors.toCollection(TreeSet::new))),
                  envelope,
                  files.getOrDefault(id, List.of()).stream()
                      .map(OfferedReleaseDao.OfferedFile::row)
                      .toList(),
                  patches.getOrDefault(id, List.of()).stream()
                      .map(FilePatchDao.VersionPatch::row)
                      .toList()));
        });
    return out;
  }
}
