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
    long bytesRehashed) {

  /**
   * An installed file offered as a seed, with the SHA-256 of its index in {@code .nebula/indexes}.
   */
  public record SeedRef(String path, String indexSha256) {}

  public long bytesToDownload() {
    long n = 0;
    for (int s : downloadSizes) n += s;
    return n;
  }

  public long bytesToStage() {
    long n = 0;
    for (ManifestFile f : changed) n += f.size();
    return n;
  }
}
