package org.vsekai.nebula.schema;

import java.util.List;
import org.vsekai.nebula.schema.db.FilePatchRow;
import org.vsekai.nebula.schema.db.VersionFileRow;

/**
 * A version offered now in at least one mode: its modes (sorted), its newest signed manifest (the
 * SignedManifest JSON as stored), its files in path order, and the patches made for them.
 */
public record OfferedRelease(
    String product,
    String version,
    List<String> modes,
    String manifestEnvelope,
    List<VersionFileRow> files,
    List<FilePatchRow> patches) {
  public OfferedRelease {
    modes = List.copyOf(modes);
    files = List.copyOf(files);
    patches = List.copyOf(patches);
  }

  /** A release without patches. */
  public OfferedRelease(
      String product,
      String version,
      List<String> modes,
      String manifestEnvelope,
      List<VersionFileRow> files) {
    this(product, version, modes, manifestEnvelope, files, List.of());
  }
}
