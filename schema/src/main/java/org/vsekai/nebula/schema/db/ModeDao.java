package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** modes and mode_validities. */
@RegisterConstructorMapper(NamedRow.class)
public interface ModeDao {

  @SqlQuery("INSERT INTO modes (name) VALUES (:name) RETURNING id")
  UUID insert(String name);

  @SqlUpdate(
      "INSERT INTO mode_validities (mode_id, valid_from, valid_to) VALUES (:modeId, :validFrom, :validTo)")
  void insertValidity(UUID modeId, Instant validFrom, Instant validTo);

  /** Ends the open period at {@code at} (or where it starts, if that is later). */
  @SqlUpdate(
      """
      UPDATE mode_validities SET valid_to = GREATEST(valid_from, :at)
      WHERE mode_id = :modeId AND valid_to IS NULL""")
  int closeValidity(UUID modeId, Instant at);

  /** The mode with its latest period, valid or not. */
  @SqlQuery(
      """
      SELECT m.id, m.name, p.valid_from, p.valid_to
      FROM modes m JOIN mode_validities p ON p.mode_id = m.id
      WHERE m.name = :name
      ORDER BY p.valid_from DESC
      LIMIT 1""")
  Optional<NamedRow> findLatest(String name);

  @SqlQuery(
      """
      SELECT m.id, m.name, p.valid_from, p.valid_to
      FROM modes m JOIN mode_validities p ON p.mode_id = m.id
      WHERE m.name = :name
        AND p.valid_from <= :at AND (p.valid_to IS NULL OR p.valid_to > :at)""")
  Optional<NamedRow> findValidAt(String name, Instant at);

  /** Modes valid at {@code at}, by name, those after {@code afterName} only. */
  @SqlQuery(
      """
      SELECT m.id, m.name, p.valid_from, p.valid_to
      FROM modes m JOIN mode_validities p ON p.mode_id = m.id
      WHERE p.valid_from <= :at AND (p.valid_to IS NULL OR p.valid_to > :at)
        AND m.name > :afterName
      ORDER BY m.name
      LIMIT :limit""")
  List<NamedRow> listValidAt(Instant at, String afterName, int limit);
}
