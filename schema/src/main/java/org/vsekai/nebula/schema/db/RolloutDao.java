package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** rollouts, rollout_states, rollout_waves, rollout_wave_states and rollout_targets. */
@RegisterConstructorMapper(RolloutRow.class)
@RegisterConstructorMapper(RolloutWaveRow.class)
@RegisterConstructorMapper(RolloutStateRow.class)
@RegisterConstructorMapper(WaveTallyRow.class)
@RegisterConstructorMapper(RolloutCandidateRow.class)
public interface RolloutDao {

  String SELECT =
      """
      SELECT r.id, v.product_id, pr.name AS product, r.version_id, v.major, v.minor, v.patch, v.tag, v.build,
             r.mode_id, m.name AS mode, r.max_failure_rate, r.workflow_id, r.created_at, s.state, s.reason
      FROM rollouts r
      JOIN versions v ON v.id = r.version_id
      JOIN products pr ON pr.id = v.product_id
      JOIN modes m ON m.id = r.mode_id
      LEFT JOIN rollout_states s ON s.rollout_id = r.id AND s.valid_to IS NULL
      """;

  @SqlUpdate(
      """
      INSERT INTO rollouts (id, version_id, mode_id, max_failure_rate, workflow_id)
      VALUES (:id, :versionId, :modeId, :maxFailureRate, :workflowId)""")
  void insert(UUID id, UUID versionId, UUID modeId, double maxFailureRate, String workflowId);

  @SqlQuery(SELECT + " WHERE r.id = :id")
  Optional<RolloutRow> find(UUID id);

  /** Newest first, strictly before the keyset cursor. */
  @SqlQuery(
      SELECT
          + """
          WHERE (r.created_at < :beforeCreatedAt OR (r.created_at = :beforeCreatedAt AND r.id < :beforeId))
          ORDER BY r.created_at DESC, r.id DESC
          LIMIT :limit""")
  List<RolloutRow> page(Instant beforeCreatedAt, UUID beforeId, int limit);

  @SqlUpdate(
      """
      INSERT INTO rollout_states (rollout_id, state, reason, valid_from)
      VALUES (:rolloutId, :state, :reason, :validFrom)""")
  void insertState(UUID rolloutId, String state, String reason, Instant validFrom);

  @SqlUpdate(
      """
      UPDATE rollout_states SET valid_to = GREATEST(valid_from, :at)
      WHERE rollout_id = :rolloutId AND valid_to IS NULL""")
  int closeState(UUID rolloutId, Instant at);

  @SqlQuery(
      """
      SELECT state, reason, valid_from, valid_to FROM rollout_states
      WHERE rollout_id = :rolloutId ORDER BY valid_from, created_at""")
  List<RolloutStateRow> states(UUID rolloutId);

  @SqlQuery(
      """
      INSERT INTO rollout_waves (rollout_id, wave_index, percent, deadline_seconds)
      VALUES (:rolloutId, :waveIndex, :percent, :deadlineSeconds)
      RETURNING id""")
  UUID insertWave(UUID rolloutId, int waveIndex, int percent, long deadlineSeconds);

  @SqlQuery(
      """
      SELECT w.id, w.wave_index, w.percent, w.deadline_seconds, s.state, s.installs_targeted,
             s.installs_succeeded, s.installs_failed, s.reason, s.valid_from
      FROM rollout_waves w
      LEFT JOIN rollout_wave_states s ON s.rollout_wave_id = w.id AND s.valid_to IS NULL
      WHERE w.rollout_id = :rolloutId
      ORDER BY w.wave_index""")
  List<RolloutWaveRow> waves(UUID rolloutId);

  @SqlUpdate(
      """
      INSERT INTO rollout_wave_states (rollout_wave_id, state, installs_targeted, installs_succeeded,
                                       installs_failed, reason, valid_from)
      VALUES (:waveId, :state, :targeted, :succeeded, :failed, :reason, :validFrom)""")
  void insertWaveState(
      UUID waveId,
      String state,
      long targeted,
      long succeeded,
      long failed,
      String reason,
      Instant validFrom);

  @SqlUpdate(
      """
      UPDATE rollout_wave_states SET valid_to = GREATEST(valid_from, :at)
      WHERE rollout_wave_id = :waveId AND valid_to IS NULL""")
  int closeWaveState(UUID waveId, Instant at);

  /**
   * A page of the installs of a product that follow a mode now and that the rollout has not
   * reached, in id order after {@code afterInstallId}, with the version each runs now.
   */
  @SqlQuery(
      """
      SELECT im.install_id, v.major, v.minor, v.patch, v.tag, v.build
      FROM install_modes im
      JOIN installs i ON i.id = im.install_id
      LEFT JOIN install_versions iv ON iv.install_id = im.install_id AND iv.valid_to IS NULL
      LEFT JOIN versions v ON v.id = iv.version_id
      LEFT JOIN rollout_targets t ON t.rollout_id = :rolloutId AND t.install_id = im.install_id
      WHERE im.mode_id = :modeId AND im.valid_to IS NULL AND im.valid_from <= :at
        AND i.product_id = :productId AND im.install_id > :afterInstallId AND t.id IS NULL
      ORDER BY im.install_id
      LIMIT :limit""")
  List<RolloutCandidateRow> candidates(
      UUID rolloutId, UUID productId, UUID modeId, Instant at, UUID afterInstallId, int limit);

  /** Adds targets; one the rollout already has (a retried page) is left as it was. */
  @SqlBatch(
      """
      INSERT INTO rollout_targets (rollout_wave_id, rollout_id, install_id, update_workflow_id, update_run_id,
                                   update_process_id, joined_running_update, triggered_at)
      VALUES (:waveId, :rolloutId, :installId, :updateWorkflowId, :updateRunId, :updateProcessId,
              :joinedRunningUpdate, :triggeredAt)
      ON CONFLICT (rollout_id, install_id) DO NOTHING""")
  void insertTargets(
      @Bind("waveId") UUID waveId,
      @Bind("rolloutId") UUID rolloutId,
      @BindMethods List<RolloutTargetRow> targets,
      @Bind("triggeredAt") Instant triggeredAt);

  /**
   * The wave's targets by how their updates stand: the open state of each update process
   * (UpdateSuccessful, UpdateFailed and UpdateCancelled are final and stay open), no row while an
   * update has not reported yet.
   */
  @SqlQuery(
      """
      SELECT COUNT(*) AS targeted,
             COALESCE(SUM(CASE WHEN s.state = 'UpdateSuccessful' THEN 1 ELSE 0 END), 0) AS succeeded,
             COALESCE(SUM(CASE WHEN s.state = 'UpdateFailed' THEN 1 ELSE 0 END), 0) AS failed,
             COALESCE(SUM(CASE WHEN s.state = 'UpdateCancelled' THEN 1 ELSE 0 END), 0) AS cancelled
      FROM rollout_targets t
      LEFT JOIN update_process_states s ON s.update_process_id = t.update_process_id AND s.valid_to IS NULL
      WHERE t.rollout_wave_id = :waveId""")
  WaveTallyRow tally(UUID waveId);

  /** Why the wave's earliest failed update failed; empty when none failed. */
  @SqlQuery(
      """
      SELECT COALESCE(s.detail, s.state) FROM rollout_targets t
      JOIN update_process_states s ON s.update_process_id = t.update_process_id AND s.valid_to IS NULL
      WHERE t.rollout_wave_id = :waveId AND s.state = 'UpdateFailed'
      ORDER BY s.valid_from, t.install_id
      LIMIT 1""")
  Optional<String> firstFailure(UUID waveId);
}
