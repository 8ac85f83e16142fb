package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * A named catalog entry with validity periods: products and modes are the same concept in two
 * tables ({@code <entries>}, {@code <validities>} keyed by {@code <key>}). The table names are
 * defined by {@link CatalogEntries}, never by a caller's text.
 */
@RegisterConstructorMapper(NamedRow.class)
public interface CatalogEntryDao {

  @SqlQuery("INSERT INTO <entries> (name) VALUES (:name) RETURNING id")
  UUID insert(@Define("entries") String entries, String name);

  @SqlUpdate(
      "INSERT INTO <validities> (<key>, valid_from, valid_to) VALUES (:id, :validFrom, :validTo)")
  void insertValidity(
      @Define("validities") String validities,
      @Define("key") String key,
      UUID id,
      Instant validFrom,
      Instant validTo);

  /** Ends the open period at {@code at} (or where it starts, if that is later). */
  @SqlUpdate(
      """
      UPDATE <validities> SET valid_to = GREATEST(valid_from, :at)
      WHERE <key> = :id AND valid_to IS NULL""")
  int closeValidity(
      @Define("validities") String validities, @Define("key") String key, UUID id, Instant at);

  @SqlQuery("SELECT name FROM <entries> WHERE id = :id")
  String name(@Define("entries") String entries, UUID id);

  /** The entry with its latest period, valid or not. */
  @SqlQuery(
      """
      SELECT e.id, e.name, p.valid_from, p.valid_to
      FROM <entries> e JOIN <validities> p ON p.<key> = e.id
      WHERE e.name = :name
      ORDER BY p.valid_from DESC
      LIMIT 1""")
  Optional<NamedRow> findLatest(
      @Define("entries") String entries,
      @Define("validities") String validities,
      @Define("key") String key,
      String name);

  @SqlQuery(
      """
      SELECT e.id, e.name, p.valid_from, p.valid_to
      FROM <entries> e JOIN <validities> p ON p.<key> = e.id
      WHERE e.name = :name
        AND p.valid_from <= :at AND (p.valid_to IS NULL OR p.valid_to > :at)""")
  Optional<NamedRow> findValidAt(
      @Define("entries") String entries,
      @Define("validities") String validities,
      @Define("key") String key,
      String name,
      Instant at);

  /** Entries valid at {@code at}, by name, those after {@code afterName} only. */
  @SqlQuery(
      """
      SELECT e.id, e.name, p.valid_from, p.valid_to
      FROM <entries> e JOIN <validities> p ON p.<key> = e.id
      WHERE p.valid_from <= :at AND (p.valid_to IS NULL OR p.valid_to > :at)
        AND e.name > :afterName
      ORDER BY e.name
      LIMIT :limit""")
  List<NamedRow> listValidAt(
      @Define("entries") String entries,
      @Define("validities") String validities,
      @Define("key") String key,
      Instant at,
      String afterName,
      int limit);
}
