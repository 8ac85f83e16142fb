package org.vsekai.nebula.api.manifest;

import java.time.Instant;
import java.util.List;
import org.vsekai.nebula.api.SemVer;

/**
 * What one release of a product is: every file with its size, permissions and the digest of its
 * {@code .caibx} index. The service signs it; clients verify it against a pinned key before they
 * trust anything in it.
 *
 * @param executablePath the file the launcher starts, relative to the install folder
 */
public record ReleaseManifest(
    int schemaVersion,
    String product,
    String version,
    String mode,
    Instant created,
    Instant expires,
    ChunkingParameters chunking,
    String executablePath,
    List<ManifestFile> files) {

  public static final int SCHEMA_VERSION = 1;

  public ReleaseManifest {
    files = files == null ? List.of() : List.copyOf(files);
  }

  public SemVer semVer() {
    return SemVer.parse(version);
  }

  public long totalBytes() {
    return files.stream().mapToLong(ManifestFile::size).sum();
  }

  /** Chunk sizes in bytes, as recorded in each {@code .caibx}. */
  public record ChunkingParameters(long min, long avg, long max) {}
}
