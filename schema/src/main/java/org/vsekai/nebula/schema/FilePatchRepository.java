package org.vsekai.nebula.schema;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.schema.db.FilePatchDao;
import org.vsekai.nebula.schema.db.FilePatchRow;
import org.vsekai.nebula.schema.db.ManifestDao;
import org.vsekai.nebula.schema.db.VersionFileRow;
import org.vsekai.nebula.schema.db.VersionRow;

/** Which patches a release needs made, and the patches made. */
public final class FilePatchRepository {
  private final SerializableTransactions tx;

  public FilePatchRepository(SerializableTransactions tx) {
    this.tx = tx;
  }

  /** A version's files, by id. */
  public record VersionFiles(UUID versionId, SemVer version, List<VersionFileRow> files) {}

  /**
   * What making a release's patches starts from: the release's files and the files of the {@code
   * sources} highest earlier versions released to one of its modes, highest first.
   */
  public record PatchJob(String product, VersionFiles release, List<VersionFiles> sources) {}

  public PatchJob job(String product, SemVer version, int sources) {
    return tx.inReadOnlyTransaction(
        h -> {
          VersionRow row = CatalogLookups.version(h, product, version);
          ManifestDao manifests = h.attach(ManifestDao.class);
          List<VersionFiles> earlier =
              h.attach(FilePatchDao.class).sameModeVersions(row.id()).stream()
                  .filter(v -> v.semVer().compareTo(version) < 0)
                  .sorted(Comparator.comparing(VersionRow::semVer).reversed())
                  .limit(sources)
                  .map(v -> new VersionFiles(v.id(), v.semVer(), manifests.files(v.id())))
                  .toList();
          return new PatchJob(
              product, new VersionFiles(row.id(), version, manifests.files(row.id())), earlier);
        });
  }

  /** Records a stored patch; false when the same file and source already had one. */
  public boolean record(UUID versionId, UUID fromVersionId, FilePatchRow patch) {
    return tx.inTransaction(
        h ->
            h.attach(FilePatchDao.class)
                    .insert(
                        versionId,
                        patch.path(),
                        fromVersionId,
                        patch.sourceSha256(),
                        patch.resultSha256(),
                        patch.patchSha256(),
                        patch.patchSize(),
                        patch.chunkBytes(),
                        patch.chunkRawBytes())
                == 1);
  }

  /** The patches recorded for a version. */
  public List<FilePatchRow> patches(String product, SemVer version) {
    return tx.inReadOnlyTransaction(
        h ->
            h
                .attach(FilePatchDao.class)
                .ofVersions(List.of(CatalogLookups.version(h, product, version).id()))
                .stream()
                .map(FilePatchDao.VersionPatch::row)
                .toList());
  }
}
