package org.vsekai.nebula.activities;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsekai.nebula.api.Sha256;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.tuf.PatchTarget;
import org.vsekai.nebula.api.tuf.ReleaseTargets;
import org.vsekai.nebula.desync.patch.PatchCodec;

/**
 * Picks, for one changed file, the cheaper route by bytes on the wire: its missing chunks, or the
 * signed patch from the installed file at the same path. A patch is offered only when the signed
 * targets list one from the installed version and the installed file is byte for byte the one it
 * was made from (its SHA-256); otherwise the file is assembled from chunks.
 */
final class PatchRoute {
  private static final Logger LOG = LoggerFactory.getLogger(PatchRoute.class);

  private final ReleaseTargets signed;
  private final String product;
  private final String toVersion;
  private final String fromVersion;
  private final Path installedDir;
  private final Set<String> installedPaths;
  private final Set<String> damaged;

  /**
   * @param fromVersion the installed version, or null (a first install has nothing to patch)
   * @param damaged installed paths that no longer match their record: never patched from
   */
  PatchRoute(
      ReleaseTargets signed,
      String product,
      String toVersion,
      String fromVersion,
      Path installedDir,
      Set<String> installedPaths,
      Set<String> damaged) {
    this.signed = signed;
    this.product = product;
    this.toVersion = toVersion;
    this.fromVersion = fromVersion;
    this.installedDir = installedDir;
    this.installedPaths = installedPaths;
    this.damaged = damaged;
  }

  /** zstd needs the whole source in one array while it applies a patch; a third of the heap. */
  private static long memoryForSource() {
    return Math.min(PatchCodec.MAX_SOURCE_BYTES, Runtime.getRuntime().maxMemory() / 3);
  }

  /**
   * The patch, when one applies and is cheaper than {@code missingChunkBytes} (uncompressed) of
   * chunks.
   */
  Optional<StoredPlan.PlannedPatch> cheaper(ManifestFile file, long missingChunkBytes)
      throws IOException {
    if (fromVersion == null
        || missingChunkBytes == 0
        || !installedPaths.contains(file.path())
        || damaged.contains(file.path())) {
      return Optional.empty();
    }
    Optional<PatchTarget> offered = signed.patch(product, toVersion, file.path(), fromVersion);
    if (offered.isEmpty()) {
      return Optional.empty();
    }
    PatchTarget patch = offered.get();
    long chunkBytes = patch.estimatedChunkBytes(missingChunkBytes);
    if (patch.length() >= chunkBytes) {
      return Optional.empty();
    }
    Path source = installedDir.resolve(file.path());
    if (Files.isRegularFile(source) && Files.size(source) > memoryForSource()) {
      LOG.info(
          "patch {} not used: {} is too large to hold in this worker's memory; assembling from"
              + " chunks",
          patch.name(),
          file.path());
      return Optional.empty();
    }
    if (!Files.isRegularFile(source) || !Sha256.hex(source).equals(patch.sourceSha256())) {
      LOG.info(
          "patch {} not used: {} is not the file it was made from; assembling from chunks",
          patch.name(),
          file.path());
      return Optional.empty();
    }
    return Optional.of(
        new StoredPlan.PlannedPatch(
            file.path(),
            patch.name(),
            patch.sha256(),
            patch.length(),
            patch.sourceSha256(),
            patch.resultSha256()));
  }
}
