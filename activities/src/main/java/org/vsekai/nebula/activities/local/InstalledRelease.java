package org.vsekai.nebula.activities.local;

import java.time.Instant;
import java.util.List;
import org.vsekai.nebula.api.manifest.SignedManifest;

/**
 * What {@code .nebula/releases/<releaseId>.json} records of a release in {@code versions/}: its
 * signed manifest (verified again whenever it is read) and its files as installed.
 */
public record InstalledRelease(
    String releaseId,
    String version,
    SignedManifest manifest,
    List<InstalledFile> files,
    Instant installedAt) {

  public InstalledRelease {
    files = files == null ? List.of() : List.copyOf(files);
  }
}
