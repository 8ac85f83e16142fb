package org.vsekai.nebula.schema;

import java.util.List;
import org.vsekai.nebula.schema.db.VersionFileRow;

/**
 * A version offered now in at least one mode: its modes (sorted), its newest signed manifest (the
 * SignedManifest JSON as stored) and its files in path order.
 */
public record OfferedRelease(
    String product,
    String version,
    List<String> modes,
    String manifestEnvelope,
    List<VersionFileRow> files) {
  public OfferedRelease {
    modes = List.copyOf(modes);
    files = List.copyOf(files);
  }
}
