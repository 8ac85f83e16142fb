package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** update_processes, their validity (the period they ran) and their states. */
@RegisterConstructorMapper(UpdateProcessRow.class)
@RegisterConstructorMapper(StateRow.class)
public interface UpdateProcessDao {

  String SELECT =
      """
      SELECT u.id, u.install_id, pr.name AS product, u.from_version_id, u.to_version_id,
             u.manifest_file_and_version,
             CAST(u.files_for_update AS TEXT) AS files_for_update,
             CAST(u.registry_values AS TEXT) AS registry_values,
             u.created_at, p.valid_from, p.valid_to, s.state
      FROM update_processes u
      JOIN installs i ON i.id = u.install_id
      JOIN products pr ON pr.id = i.product_id
      LEFT JOIN update_process_validities p ON p.update_process_id = u.id
      LEFT JOIN update_process_states s ON s.update_process_id = u.id AND s.valid_to IS NULL
      """;

  @SqlUpdate(
      """
      INSERT INTO update_processes (id, install_id, from_version_id, to_version_id,
                                    manifest_file_and_version, files_for_update, registry_values)
      VALUES (:id, :installId, :fromVersionId, :toVersionId, :manifestFileAndVersion,
              CAST(:filesForUpdate AS JSONB), CAST(:registryValues AS JSONB))""")
  void insert(
      UUID id,
      UUID installId,
      UUID fromVersionId,
      UUID toVersionId,
      String manifestFileAndVersion,
      String filesForUpdate,
      String registryValues);

  @SqlUpdate(
      """
      INSERT INTO update_process_validities (update_process_id, valid_from)
      VALUES (:updateProcessId, :validFrom)""")
  void insertValidity(UUID updateProcessId, Instant validFrom);

  @SqlUpdate(
      """
      UPDATE update_process_validities SET valid_to = GREATEST(valid_from, :at)
      WHERE update_process_id = :updateProcessId AND valid_to IS NULL""")
  int closeValidity(UUID updateProcessId, Instant at);

  @SqlUpdate(
      """
      INSERT INTO update_process_states (update_process_id, state, detail, valid_from)
      VALUES (:updateProcessId, :state, :detail, :validFrom)""")
  void insertState(UUID updateProcessId, String state, String detail, Instant validFrom);

  @SqlUpdate(
      """
      UPDATE update_process_states SET valid_to = GREATEST(valid_from, :at)
      WHERE update_process_id = :updateProcessId AND valid_to IS NULL""")
  int closeState(UUID updateProcessId, Instant at);

  @SqlQuery(SELECT + " WHERE u.id = :id")
  Optional<UpdateProcessRow> find(UUID id);

  @SqlQuery(
      """
      SELECT id, state, detail, valid_from, valid_to FROM update_process_states
      WHERE update_process_id = :updateProcessId
      ORDER BY valid_from, created_at""")
  List<StateRow> states(UUID updateProcessId);

  /** Every install's processes, newest first, strictly before the keyset cursor. */
  @SqlQuery(
      SELECT
          + """
          WHERE (u.created_at < :beforeCreatedAt OR (u.created_at = :beforeCreatedAt AND u.id < :beforeId))
          ORDER BY u.created_at DESC, u.id DESC
          LIMIT :limit""")
  List<UpdateProcessRow> page(Instant beforeCreatedAt, UUID beforeId, int limit);

  /** One install's processes, newest first, strictly before the keyset cursor. */
  @SqlQuery(
      SELECT
          + """
          WHERE u.install_id = :installId
            AND (u.created_at < :beforeCreatedAt OR (u.created_at = :beforeCreatedAt AND u.id < :beforeId))
          ORDER BY u.created_at DESC, u.id DESC
          LIMIT :limit""")
  List<UpdateProcessRow> pageForInstall(
      UUID installId, Instant beforeCreatedAt, UUID beforeId, int limit);
}
