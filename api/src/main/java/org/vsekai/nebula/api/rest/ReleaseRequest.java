package org.vsekai.nebula.api.rest;

import java.time.Instant;
import java.util.List;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.manifest.ReleaseManifest.ChunkingParameters;

/**
 * Body of {@code POST /api/v1/releases}: registers a new version of a product and releases it to a
 * mode. Every file's {@code .caibx} must already be in the service's index store (PUT {@code
 * /index/<indexSha256>.caibx}) and every chunk it references in the chunk store.
 *
 * @param validFrom when the version starts being offered; null means now
 */
public record ReleaseRequest(
    String product,
    String version,
    String mode,
    String executablePath,
    ChunkingParameters chunking,
    List<ManifestFile> files,
    Instant validFrom,
    String notes) {

  /** A release without notes. */
  public ReleaseRequest(
      String product,
      String version,
      String mode,
      String executablePath,
      ChunkingParameters chunking,
      List<ManifestFile> files,
      Instant validFrom) {
    this(product, version, mode, executablePath, chunking, files, validFrom, null);
  }
}
