package org.vsekai.nebula.api.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.vsekai.nebula.api.SemVer;

/**
 * What one release of a product is: every file with its size, permissions and the digest of its
 * {@code .caibx} index. The service signs it; clients verify it against a pinned key before they
 * trust anything in it.
 *
 * @param executablePath the file the launcher starts, relative to the install folder
 * @param notes the release notes players see before and after updating, or null; inside the
 *     manifest so that the signed targets metadata covers them
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
    List<ManifestFile> files,
    @JsonInclude(JsonInclude.Include.NON_NULL) String notes) {

  /** The most release notes may hold, in UTF-8 bytes. */
  public static final int MAX_NOTES_BYTES = 64 * 1024;

  public static final int SCHEMA_VERSION = 1;

  /** A release without notes. */
  public ReleaseManifest(
      int schemaVersion,
      String product,
      String version,
      String mode,
      Instant created,
      Instant expires,
      ChunkingParameters chunking,
      String executablePath,
      List<ManifestFile> files) {
    this(
        schemaVersion,
        product,
        version,
        mode,
        created,
        expires,
        chunking,
        executablePath,
        files,
        null);
  }

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
