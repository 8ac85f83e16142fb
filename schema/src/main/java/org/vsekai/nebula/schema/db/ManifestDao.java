package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** manifests (append-only signatures) and version_files. */
@RegisterConstructorMapper(ManifestRow.class)
@RegisterConstructorMapper(VersionFileRow.class)
public interface ManifestDao {

  @SqlUpdate(
      """
      INSERT INTO manifests (version_id, key_id, envelope, signed_at, expires_at)
      VALUES (:versionId, :keyId, :envelope, :signedAt, :expiresAt)""")
  void insert(UUID versionId, String keyId, String envelope, Instant signedAt, Instant expiresAt);

  /** The newest signature of the version's manifest. */
  @SqlQuery(
      """
      SELECT id, version_id, key_id, envelope, signed_at, expires_at
      FROM manifests WHERE version_id = :versionId
      ORDER BY signed_at DESC, created_at DESC
      LIMIT 1""")
  Optional<ManifestRow> latest(UUID versionId);

  @SqlBatch(
      """
      INSERT INTO version_files (version_id, path, size, permissions, index_sha256)
      VALUES (:versionId, :path, :size, :permissions, :indexSha256)""")
  void insertFiles(UUID versionId, @BindMethods List<VersionFileRow> files);

  @SqlQuery(
      """
      SELECT path, size, permissions, index_sha256 FROM version_files
      WHERE version_id = :versionId ORDER BY path""")
  List<VersionFileRow> files(UUID versionId);
}
