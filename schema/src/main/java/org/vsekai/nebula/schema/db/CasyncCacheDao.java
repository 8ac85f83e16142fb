package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** casync_caches (one per install) and casync_cache_histories. */
@RegisterConstructorMapper(CacheHistoryRow.class)
public interface CasyncCacheDao {

  @SqlQuery("SELECT id FROM casync_caches WHERE install_id = :installId")
  Optional<UUID> findForInstall(UUID installId);

  @SqlQuery("INSERT INTO casync_caches (install_id) VALUES (:installId) RETURNING id")
  UUID insert(UUID installId);

  @SqlQuery(
      """
      SELECT id, casync_cache_id, update_process_id, path, valid_from, valid_to
      FROM casync_cache_histories WHERE casync_cache_id = :cacheId AND valid_to IS NULL""")
  Optional<CacheHistoryRow> findOpen(UUID cacheId);

  @SqlUpdate(
      """
      INSERT INTO casync_cache_histories (casync_cache_id, update_process_id, path, valid_from)
      VALUES (:cacheId, :updateProcessId, :path, :validFrom)""")
  void insertHistory(UUID cacheId, UUID updateProcessId, String path, Instant validFrom);

  @SqlUpdate(
      """
      UPDATE casync_cache_histories SET valid_to = GREATEST(valid_from, :at)
      WHERE casync_cache_id = :cacheId AND valid_to IS NULL""")
  int closeHistory(UUID cacheId, Instant at);

  @SqlQuery(
      """
      SELECT id, casync_cache_id, update_process_id, path, valid_from, valid_to
      FROM casync_cache_histories WHERE casync_cache_id = :cacheId
      ORDER BY valid_from, created_at""")
  List<CacheHistoryRow> history(UUID cacheId);
}
