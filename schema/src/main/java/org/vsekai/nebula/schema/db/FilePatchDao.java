package org.vsekai.nebula.schema.db;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.vsekai.nebula.api.SemVer;

/** file_patches: what is known about each stored patch. */
@RegisterConstructorMapper(FilePatchDao.VersionPatch.class)
@RegisterConstructorMapper(VersionRow.class)
public interface FilePatchDao {

  /** A patch of one of several versions, with the source version's parts. */
  record VersionPatch(
      UUID versionId,
      String path,
      long major,
      long minor,
      long patch,
      String tag,
      String build,
      String sourceSha256,
      String resultSha256,
      String patchSha256,
      long patchSize,
      long chunkBytes,
      long chunkRawBytes) {
    public FilePatchRow row() {
      return new FilePatchRow(
          path,
          new SemVer(major, minor, patch, tag, build).toString(),
          sourceSha256,
          resultSha256,
          patchSha256,
          patchSize,
          chunkBytes,
          chunkRawBytes);
    }
  }

  /** Inserts the row unless one for the same file and source is there (the same patch). */
  @SqlUpdate(
      """
      INSERT INTO file_patches (version_id, path, from_version_id, source_sha256, result_sha256,
                                patch_sha256, patch_size, chunk_bytes, chunk_raw_bytes)
      VALUES (:versionId, :path, :fromVersionId, :sourceSha256, :resultSha256, :patchSha256,
              :patchSize, :chunkBytes, :chunkRawBytes)
      ON CONFLICT (version_id, path, from_version_id) DO NOTHING""")
  int insert(
      UUID versionId,
      String path,
      UUID fromVersionId,
      String sourceSha256,
      String resultSha256,
      String patchSha256,
      long patchSize,
      long chunkBytes,
      long chunkRawBytes);

  @SqlQuery(
      """
      SELECT p.version_id, p.path, v.major, v.minor, v.patch, v.tag, v.build, p.source_sha256,
             p.result_sha256, p.patch_sha256, p.patch_size, p.chunk_bytes, p.chunk_raw_bytes
      FROM file_patches p JOIN versions v ON v.id = p.from_version_id
      WHERE p.version_id IN (<versionIds>)
      ORDER BY p.version_id, p.path, v.major, v.minor, v.patch, v.tag""")
  List<VersionPatch> ofVersions(@BindList("versionIds") Collection<UUID> versionIds);

  /**
   * The other versions of the same product released to one of this version's modes at some time:
   * the candidates to patch from. Their validities are the latest ones.
   */
  @SqlQuery(
      """
      SELECT v.id, v.product_id, v.major, v.minor, v.patch, v.tag, v.build, v.executable_path,
             v.created_at, NULL AS valid_from, NULL AS valid_to
      FROM versions v
      WHERE v.product_id = (SELECT product_id FROM versions WHERE id = :versionId)
        AND v.id <> :versionId
        AND EXISTS (SELECT 1 FROM releases r
                    WHERE r.version_id = v.id
                      AND r.mode_id IN (SELECT mode_id FROM releases WHERE version_id = :versionId))
      """)
  List<VersionRow> sameModeVersions(UUID versionId);
}
