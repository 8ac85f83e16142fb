package org.vsekai.nebula.activities.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vsekai.nebula.api.manifest.Ed25519Keys;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.manifest.ManifestJson;
import org.vsekai.nebula.api.manifest.ManifestRejectedException;
import org.vsekai.nebula.api.manifest.ManifestVerifier;
import org.vsekai.nebula.api.manifest.ReleaseManifest;
import org.vsekai.nebula.api.manifest.SignedManifest;

/** The release records under {@code .nebula/releases/}, and the installed one among them. */
public final class InstalledReleases {
  private final LauncherFolder folder;
  private final CurrentRelease current;

  public InstalledReleases(LauncherFolder folder) {
    this.folder = folder;
    this.current = new CurrentRelease(folder);
  }

  /** The installed release, its record read (not yet verified); empty for an empty folder. */
  public Optional<InstalledRelease> current() {
    try {
      Optional<String> id = current.releaseId();
      if (id.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          Json.read(folder.releaseRecord(id.get()), InstalledRelease.class)
              .orElseThrow(
                  () ->
                      new NotAnInstallException(
                          "the installed release "
                              + id.get()
                              + " has no record in "
                              + folder.releaseRecords())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the installed release: " + e.getMessage(), e);
    }
  }

  /**
   * The installed release's manifest: the seed's validate_manifest_file_and_version. A manifest
   * that came as a TUF target was checked against the signed targets when it was downloaded and is
   * read as recorded; one from before TUF must still verify with the install's pinned key. A record
   * that fails is reported, never trusted.
   */
  public ReleaseManifest verifiedManifest(InstalledRelease release, InstallState state) {
    try {
      ReleaseManifest m =
          release.manifest().isVerifiedTarget()
              ? manifestOf(release)
              : new ManifestVerifier(Ed25519Keys.publicKey(state.publicKey()))
                  .verifySignature(release.manifest());
      if (!m.version().equals(release.version())) {
        throw new NotAnInstallException(
            "the installed release record says "
                + release.version()
                + " but its manifest is for "
                + m.version());
      }
      return m;
    } catch (ManifestRejectedException e) {
      throw new NotAnInstallException("the installed manifest does not verify: " + e.getMessage());
    }
  }

  /**
   * The manifest inside a release record, parsed without checking its signature: for values written
   * locally (registry), never for deciding what to trust.
   */
  public static ReleaseManifest manifestOf(InstalledRelease release) {
    return ManifestJson.read(release.manifest().payloadBytes(), ReleaseManifest.class);
  }

  /** Writes the record of a release whose files are all in {@code versions/<releaseId>}. */
  public InstalledRelease record(
      String releaseId, ReleaseManifest manifest, SignedManifest envelope) throws IOException {
    Path dir = folder.releaseDir(releaseId);
    List<InstalledFile> files = new ArrayList<>();
    for (ManifestFile f : manifest.files()) {
      Path p = dir.resolve(f.path());
      files.add(
          new InstalledFile(
              f.path(),
              Files.size(p),
              Files.getLastModifiedTime(p).toMillis(),
              f.permissions(),
              f.indexSha256()));
    }
    InstalledRelease r =
        new InstalledRelease(releaseId, manifest.version(), envelope, files, Instant.now());
    Json.write(folder.releaseRecord(releaseId), r);
    return r;
  }

  /** Whether a file on disk still has the size and mtime recorded when it was installed. */
  public static boolean unchangedSinceInstall(Path file, InstalledFile recorded) {
    try {
      return Files.isRegularFile(file)
          && Files.size(file) == recorded.size()
          && Files.getLastModifiedTime(file).toMillis() == recorded.modifiedMillis();
    } catch (IOException e) {
      return false;
    }
  }

  /** Applies a manifest's permission bits where the file system has POSIX permissions. */
  public static void applyPermissions(Path file, String octal) throws IOException {
    if (octal == null || !Files.getFileStore(file).supportsFileAttributeView("posix")) {
      return;
    }
    int bits = Integer.parseInt(octal, 8);
    StringBuilder s = new StringBuilder();
    String rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      s.append((bits & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
    }
    Set<PosixFilePermission> perms = PosixFilePermissions.fromString(s.toString());
    Files.setPosixFilePermissions(file, perms);
  }
}
