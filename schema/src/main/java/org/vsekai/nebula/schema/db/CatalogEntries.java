package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Products or modes: one {@link CatalogEntryDao} bound to the tables of one kind, so the queries
 * are written once for both.
 */
public final class CatalogEntries {
  /** The kinds of catalog entry, each with its two tables. */
  public enum Kind {
    PRODUCT("products", "product_validities", "product_id"),
    MODE("modes", "mode_validities", "mode_id");

    final String entries;
    final String validities;
    final String key;

    Kind(String entries, String validities, String key) {
      this.entries = entries;
      this.validities = validities;
      this.key = key;
    }
  }

  private final CatalogEntryDao dao;
  private final Kind kind;

  private CatalogEntries(CatalogEntryDao dao, Kind kind) {
    this.dao = dao;
    this.kind = kind;
  }

  public static CatalogEntries of(Handle h, Kind kind) {
    return new CatalogEntries(h.attach(CatalogEntryDao.class), kind);
  }

  public static CatalogEntries products(Handle h) {
    return of(h, Kind.PRODUCT);
  }

  public static CatalogEntries modes(Handle h) {
    return of(h, Kind.MODE);
  }

  public UUID insert(String name) {
    return dao.insert(kind.entries, name);
  }

  public void insertValidity(UUID id, Instant validFrom, Instant validTo) {
    dao.insertValidity(kind.validities, kind.key, id, validFrom, validTo);
  }

  /** Ends the open period at {@code at} (or where it starts, if that is later). */
  public int closeValidity(UUID id, Instant at) {
    return dao.closeValidity(kind.validities, kind.key, id, at);
  }

  public String name(UUID id) {
    return dao.name(kind.entries, id);
  }

  /** The entry with its latest period, valid or not. */
  public Optional<NamedRow> findLatest(String name) {
    return dao.findLatest(kind.entries, kind.validities, kind.key, name);
  }

  public Optional<NamedRow> findValidAt(String name, Instant at) {
    return dao.findValidAt(kind.entries, kind.validities, kind.key, name, at);
  }

  /** Entries valid at {@code at}, by name, those after {@code afterName} only. */
  public List<NamedRow> listValidAt(Instant at, String afterName, int limit) {
    return dao.listValidAt(kind.entries, kind.validities, kind.key, at, afterName, limit);
  }
}
