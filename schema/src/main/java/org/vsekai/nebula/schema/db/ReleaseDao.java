package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** releases: which version is offered in which mode over which period. */
@RegisterConstructorMapper(ReleaseRow.class)
public interface ReleaseDao {

  @SqlUpdate(
      """
      INSERT INTO releases (version_id, mode_id, valid_from, valid_to)
      VALUES (:versionId, :modeId, :validFrom, :validTo)""")
  void insert(UUID versionId, UUID modeId, Instant validFrom, Instant validTo);

  /** Ends the open period at {@code at} (or where it starts, if that is later). */
  @SqlUpdate(
      """
      UPDATE releases SET valid_to = GREATEST(valid_from, :at)
      WHERE version_id = :versionId AND mode_id = :modeId AND valid_to IS NULL""")
  int close(UUID versionId, UUID modeId, Instant at);

  @SqlQuery(
      """
      SELECT r.id, r.version_id, m.name AS mode, r.valid_from, r.valid_to
      FROM releases r JOIN modes m ON m.id = r.mode_id
      WHERE r.version_id = :versionId AND r.mode_id = :modeId AND r.valid_to IS NULL""")
  Optional<ReleaseRow> findOpen(UUID versionId, UUID modeId);

  /** The release periods valid at {@code at} of the given versions. */
  @SqlQuery(
      """
      SELECT r.id, r.version_id, m.name AS mode, r.valid_from, r.valid_to
      FROM releases r JOIN modes m ON m.id = r.mode_id
      WHERE r.version_id IN (<versionIds>)
        AND r.valid_from <= :at AND (r.valid_to IS NULL OR r.valid_to > :at)
      ORDER BY m.name""")
  List<ReleaseRow> validAt(@BindList("versionIds") Collection<UUID> versionIds, Instant at);
}
