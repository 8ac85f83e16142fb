package org.vsekai.nebula.schema;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.vsekai.nebula.schema.db.CatalogEntries;
import org.vsekai.nebula.schema.db.CatalogEntries.Kind;
import org.vsekai.nebula.schema.db.NamedRow;

/** Products or modes in their two tables each; every method is one SERIALIZABLE transaction. */
public final class JdbiCatalogEntryRepository implements CatalogEntryRepository {
  private final SerializableTransactions tx;
  private final Clock clock;
  private final Kind kind;

  private JdbiCatalogEntryRepository(SerializableTransactions tx, Clock clock, Kind kind) {
    this.tx = tx;
    this.clock = clock;
    this.kind = kind;
  }

  public static JdbiCatalogEntryRepository products(SerializableTransactions tx, Clock clock) {
    return new JdbiCatalogEntryRepository(tx, clock, Kind.PRODUCT);
  }

  public static JdbiCatalogEntryRepository modes(SerializableTransactions tx, Clock clock) {
    return new JdbiCatalogEntryRepository(tx, clock, Kind.MODE);
  }

  @Override
  public Created<CatalogEntry> create(String name, Instant validFrom, Instant validTo) {
    return tx.inTransaction(
        h -> {
          Instant from = periodStart(validFrom, validTo);
          CatalogEntries entries = CatalogEntries.of(h, kind);
          Optional<NamedRow> existing = entries.findLatest(name);
          if (existing.isPresent()) {
            return new Created<>(entry(existing.get()), false);
          }
          UUID id = entries.insert(name);
          entries.insertValidity(id, from, StoredInstants.micros(validTo));
          return new Created<>(entry(entries.findLatest(name).orElseThrow()), true);
        });
  }

  @Override
  public CatalogEntry retire(String name) {
    return tx.inTransaction(
        h -> {
          NamedRow row =
              kind == Kind.PRODUCT ? CatalogLookups.product(h, name) : CatalogLookups.mode(h, name);
          CatalogEntries entries = CatalogEntries.of(h, kind);
          entries.closeValidity(row.id(), StoredInstants.now(clock));
          return entry(entries.findLatest(name).orElseThrow());
        });
  }

  @Override
  public Listing<CatalogEntry> validNow(String cursor, int limit) {
    String after = PageCursors.decodeName(cursor);
    return tx.inReadOnlyTransaction(
        h ->
            Listing.of(
                CatalogEntries.of(h, kind).listValidAt(StoredInstants.now(clock), after, limit + 1),
                limit,
                row -> PageCursors.encodeName(row.name()),
                JdbiCatalogEntryRepository::entry));
  }

  private static CatalogEntry entry(NamedRow row) {
    return new CatalogEntry(row.name(), row.validFrom(), row.validTo());
  }

  /** The start of [from, to), from defaulting to now; the period must not end before it starts. */
  private Instant periodStart(Instant validFrom, Instant validTo) {
    Instant from = StoredInstants.microsOrNow(validFrom, clock);
    Instant to = StoredInstants.micros(validTo);
    if (to != null && !to.isAfter(from)) {
      throw new InvalidPeriodException("validTo " + to + " must be after validFrom " + from);
    }
    return from;
  }
}
