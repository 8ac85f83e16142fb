package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** installs, install_modes and install_versions. */
@RegisterConstructorMapper(InstallRow.class)
@RegisterConstructorMapper(InstallModeRow.class)
@RegisterConstructorMapper(InstallVersionRow.class)
@RegisterConstructorMapper(HistoryRow.class)
public interface InstallDao {

  @SqlUpdate("INSERT INTO installs (id, product_id) VALUES (:id, :productId)")
  void insert(UUID id, UUID productId);

  @SqlQuery(
      """
      SELECT i.id, i.product_id, pr.name AS product, i.created_at
      FROM installs i JOIN products pr ON pr.id = i.product_id
      WHERE i.id = :id""")
  Optional<InstallRow> find(UUID id);

  @SqlUpdate(
      """
      INSERT INTO install_modes (install_id, mode_id, valid_from)
      VALUES (:installId, :modeId, :validFrom)""")
  void insertMode(UUID installId, UUID modeId, Instant validFrom);

  @SqlUpdate(
      """
      UPDATE install_modes SET valid_to = GREATEST(valid_from, :at)
      WHERE install_id = :installId AND valid_to IS NULL""")
  int closeMode(UUID installId, Instant at);

  @SqlQuery(
      """
      SELECT im.id, im.mode_id, m.name AS mode, im.valid_from, im.valid_to
      FROM install_modes im JOIN modes m ON m.id = im.mode_id
      WHERE im.install_id = :installId
        AND im.valid_from <= :at AND (im.valid_to IS NULL OR im.valid_to > :at)""")
  Optional<InstallModeRow> modeAt(UUID installId, Instant at);

  @SqlUpdate(
      """
      INSERT INTO install_versions (install_id, version_id, valid_from)
      VALUES (:installId, :versionId, :validFrom)""")
  void insertVersion(UUID installId, UUID versionId, Instant validFrom);

  @SqlUpdate(
      """
      UPDATE install_versions SET valid_to = GREATEST(valid_from, :at)
      WHERE install_id = :installId AND valid_to IS NULL""")
  int closeVersion(UUID installId, Instant at);

  @SqlQuery(
      """
      SELECT iv.id, iv.version_id, v.major, v.minor, v.patch, v.tag, v.build, iv.valid_from, iv.valid_to
      FROM install_versions iv JOIN versions v ON v.id = iv.version_id
      WHERE iv.install_id = :installId
        AND iv.valid_from <= :at AND (iv.valid_to IS NULL OR iv.valid_to > :at)""")
  Optional<InstallVersionRow> versionAt(UUID installId, Instant at);

  /** Mode and version periods together, latest start first, strictly before the cursor. */
  @SqlQuery(
      """
      SELECT * FROM (
        SELECT im.id, 'mode' AS kind, m.name AS mode,
               CAST(NULL AS BIGINT) AS major, CAST(NULL AS BIGINT) AS minor,
               CAST(NULL AS BIGINT) AS patch, CAST(NULL AS TEXT) AS tag, CAST(NULL AS TEXT) AS build,
               im.valid_from, im.valid_to
        FROM install_modes im JOIN modes m ON m.id = im.mode_id
        WHERE im.install_id = :installId
        UNION ALL
        SELECT iv.id, 'version' AS kind, CAST(NULL AS TEXT) AS mode,
               v.major, v.minor, v.patch, v.tag, v.build, iv.valid_from, iv.valid_to
        FROM install_versions iv JOIN versions v ON v.id = iv.version_id
        WHERE iv.install_id = :installId
      ) h
      WHERE h.valid_from < :beforeFrom OR (h.valid_from = :beforeFrom AND h.id < :beforeId)
      ORDER BY h.valid_from DESC, h.id DESC
      LIMIT :limit""")
  List<HistoryRow> history(UUID installId, Instant beforeFrom, UUID beforeId, int limit);
}
