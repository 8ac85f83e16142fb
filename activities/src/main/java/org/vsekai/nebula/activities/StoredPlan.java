package org.vsekai.nebula.activities;

import java.util.List;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.manifest.SignedManifest;

/**
 * An update's plan as prepare writes it to {@code .nebula/plans/<planId>.json}: everything the
 * later steps need, so the workflow's history carries only the plan's id and counts.
 *
 * @param planId also the new release's id: it is assembled in {@code versions/<planId>}
 * @param fromReleaseId the release installed when the plan was made; null for a first install
 * @param changed files to assemble (added, changed, or damaged on disk)
 * @param unchanged files to carry over from the installed release as they are
 * @param removed files of the installed release the new one drops
 * @param seeds installed files (paths in the installed release) and their indexes, to copy chunks
 *     from instead of downloading them
 * @param downloads ids (hex) of the chunks missing from the cache and the seeds, in batch order
 * @param downloadSizes their uncompressed sizes
 * @param bytesRehashed bytes of installed files read to plan (files that no longer matched their
 *     recorded size and mtime)
 * @param patches changed files the plan makes from patches: downloaded before the chunks, in the
 *     first batch
 */
public record StoredPlan(
    String planId,
    String installId,
    String product,
    String mode,
    String fromVersion,
    String toVersion,
    String fromReleaseId,
    SignedManifest manifest,
    List<ManifestFile> changed,
    List<String> unchanged,
    List<String> removed,
    List<SeedRef> seeds,
    List<String> downloads,
    List<Integer> downloadSizes,
    long bytesRehashed,
    List<PlannedPatch> patches) {

  public StoredPlan {
    // Plans written before patches existed have none.
    patches = patches == null ? List.of() : List.copyOf(patches);
  }

  /**
   * A changed file made by a patch from the installed file at the same path instead of from chunks;
   * see {@link PatchRoute}.
   *
   * @param name the patch's name under the service's TUF targets
   * @param sha256 the patch's SHA-256, from the signed targets
   * @param length its signed length: bytes on the wire
   * @param sourceSha256 SHA-256 of the installed file it applies to
   * @param resultSha256 SHA-256 of the file it makes
   */
  public record PlannedPatch(
      String path,
      String name,
      String sha256,
      long length,
      String sourceSha256,
      String resultSha256) {}

  /** The planned patch of a changed file, or null when it is assembled from chunks. */
  public PlannedPatch patchOf(String path) {
    for (PlannedPatch p : patches) {
      if (p.path().equals(path)) {
        return p;
      }
    }
    return null;
  }

  /**
   * An installed file offered as a seed, with the SHA-256 of its index in {@code .nebula/indexes}.
   */
  public record SeedRef(String path, String indexSha256) {}

  /** Chunks (uncompressed) and patches (as sent): what the download step moves. */
  public long bytesToDownload() {
    return chunkBytesToDownload() + patchBytesToDownload();
  }

  public long chunkBytesToDownload() {
    long n = 0;
    for (int s : downloadSizes) {
      n += s;
    }
    return n;
  }

  public long patchBytesToDownload() {
    long n = 0;
    for (PlannedPatch p : patches) {
      n += p.length();
    }
    return n;
  }

  /** Chunks and patches: the download step's items. */
  public int itemsToDownload() {
    return downloads.size() + patches.size();
  }

  public long bytesToStage() {
    long n = 0;
    for (ManifestFile f : changed) {
      n += f.size();
    }
    return n;
  }
}
