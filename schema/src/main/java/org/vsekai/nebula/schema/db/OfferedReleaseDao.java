package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.vsekai.nebula.api.SemVer;

/**
 * Every release offered at an instant, across products and modes, with its files and manifest: what
 * the TUF targets metadata lists. "Offered" is what the current-version query means by it: the
 * version is valid then and released to the mode then.
 */
@RegisterConstructorMapper(OfferedReleaseDao.OfferedMode.class)
@RegisterConstructorMapper(OfferedReleaseDao.OfferedFile.class)
@RegisterConstructorMapper(OfferedReleaseDao.Envelope.class)
public interface OfferedReleaseDao {

  /** A version offered in one mode. */
  record OfferedMode(
      UUID versionId,
      String product,
      long major,
      long minor,
      long patch,
      String tag,
      String build,
      String mode) {
    public SemVer semVer() {
      return new SemVer(major, minor, patch, tag, build);
    }
  }

  /** A file of one of the versions. */
  record OfferedFile(
      UUID versionId, String path, long size, String permissions, String indexSha256) {
    public VersionFileRow row() {
      return new VersionFileRow(path, size, permissions, indexSha256);
    }
  }

  /** The newest signed manifest of one of the versions. */
  record Envelope(UUID versionId, String envelope) {}

  /** Each (version, mode) pair offered at {@code at}. */
  @SqlQuery(
      """
      SELECT v.id AS version_id, pr.name AS product, v.major, v.minor, v.patch, v.tag, v.build,
             m.name AS mode
      FROM releases r
      JOIN versions v ON v.id = r.version_id
      JOIN products pr ON pr.id = v.product_id
      JOIN modes m ON m.id = r.mode_id
      WHERE r.valid_from <= :at AND (r.valid_to IS NULL OR r.valid_to > :at)
        AND EXISTS (SELECT 1 FROM version_validities p
                    WHERE p.version_id = v.id
                      AND p.valid_from <= :at AND (p.valid_to IS NULL OR p.valid_to > :at))
      ORDER BY pr.name, v.major, v.minor, v.patch, v.tag, m.name""")
  List<OfferedMode> offeredAt(Instant at);

  @SqlQuery(
      """
      SELECT version_id, path, size, permissions, index_sha256 FROM version_files
      WHERE version_id IN (<versionIds>) ORDER BY version_id, path""")
  List<OfferedFile> files(@BindList("versionIds") Collection<UUID> versionIds);

  /** As {@code ManifestDao.latest}, for many versions in one query. */
  @SqlQuery(
      """
      SELECT version_id, envelope FROM (
        SELECT version_id, envelope,
               row_number() OVER (PARTITION BY version_id
                                  ORDER BY signed_at DESC, created_at DESC) AS n
        FROM manifests WHERE version_id IN (<versionIds>)) newest
      WHERE n = 1""")
  List<Envelope> latestEnvelopes(@BindList("versionIds") Collection<UUID> versionIds);
}
