package org.vsekai.nebula.activities;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.vsekai.nebula.activities.local.InstallState;
import org.vsekai.nebula.activities.local.InstallStateFile;
import org.vsekai.nebula.activities.local.InstalledFile;
import org.vsekai.nebula.activities.local.InstalledRelease;
import org.vsekai.nebula.activities.local.InstalledReleases;
import org.vsekai.nebula.activities.local.Json;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.activities.local.NotAnInstallException;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.manifest.ReleaseManifest;
import org.vsekai.nebula.desync.CachingChunkStore;
import org.vsekai.nebula.desync.CaibxReader;
import org.vsekai.nebula.desync.ChunkIndex;
import org.vsekai.nebula.desync.ExtractStats;
import org.vsekai.nebula.desync.Extractor;
import org.vsekai.nebula.desync.FileSeed;
import org.vsekai.nebula.desync.FileVerifier;
import org.vsekai.nebula.desync.HttpChunkStore;
import org.vsekai.nebula.desync.LocalChunkStore;

/**
 * {@code vsekai verify} and {@code repair}: every file of the installed release re-hashed against
 * its index (never trusting size and mtime), and a damaged one rebuilt from what is still right in
 * it plus the chunks fetched for the rest, then renamed over it.
 */
public final class InstallRepairer {
  private final LauncherFolder folder;

  public InstallRepairer(LauncherFolder folder) {
    this.folder = folder;
  }

  /** A file that does not match its index, and why. */
  public record Damage(String path, String problem) {}

  public record Report(
      String version, int files, long bytes, List<Damage> damaged, long bytesFetched) {}

  /** Checks every file; {@code progress} gets (path, bytes so far). */
  public Report verify(BiConsumer<String, Long> progress) throws IOException {
    Installed i = installed();
    List<Damage> damaged = new ArrayList<>();
    long bytes = 0;
    for (ManifestFile f : i.manifest.files()) {
      Path file = i.dir.resolve(f.path());
      progress.accept(f.path(), bytes);
      if (!Files.isRegularFile(file)) {
        damaged.add(new Damage(f.path(), "is missing"));
      } else {
        FileVerifier.Report r = FileVerifier.verify(index(f), file, 2);
        if (!r.matches()) {
          damaged.add(new Damage(f.path(), r.describe()));
        }
      }
      bytes += f.size();
    }
    return new Report(i.manifest.version(), i.manifest.files().size(), bytes, damaged, 0);
  }

  /** Verifies, then rebuilds each damaged file, fetching only the chunks it lacks. */
  public Report repair(ServiceClient service, BiConsumer<String, Long> progress)
      throws IOException {
    Report found = verify(progress);
    if (found.damaged().isEmpty()) {
      return found;
    }
    Installed i = installed();
    CachingChunkStore store =
        new CachingChunkStore(
            new LocalChunkStore(folder.cache()), new HttpChunkStore(service.chunkStore()));
    long fetched = 0;
    List<InstalledFile> files = new ArrayList<>(i.release.files());
    for (Damage d : found.damaged()) {
      ManifestFile f =
          i.manifest.files().stream()
              .filter(m -> m.path().equals(d.path()))
              .findFirst()
              .orElseThrow();
      Path file = i.dir.resolve(f.path());
      Files.createDirectories(file.getParent());
      List<FileSeed> seeds = new ArrayList<>();
      if (Files.isRegularFile(file)) {
        seeds.add(FileSeed.byChunking(file, index(f).sizes()));
      }
      ExtractStats s =
          new Extractor(store)
              .seeds(seeds)
              .seedFromOutput(false)
              .durable(true)
              .extract(index(f), file);
      InstalledReleases.applyPermissions(file, f.permissions());
      fetched += s.bytesFetched();
      InstalledFile repaired =
          new InstalledFile(
              f.path(),
              Files.size(file),
              Files.getLastModifiedTime(file).toMillis(),
              f.permissions(),
              f.indexSha256());
      files.replaceAll(x -> x.path().equals(f.path()) ? repaired : x);
    }
    Json.write(
        folder.releaseRecord(i.release.releaseId()),
        new InstalledRelease(
            i.release.releaseId(),
            i.release.version(),
            i.release.manifest(),
            files,
            i.release.installedAt()));
    return new Report(found.version(), found.files(), found.bytes(), found.damaged(), fetched);
  }

  private record Installed(InstalledRelease release, ReleaseManifest manifest, Path dir) {}

  private Installed installed() {
    InstallState state = new InstallStateFile(folder).require();
    InstalledReleases releases = new InstalledReleases(folder);
    InstalledRelease release =
        releases
            .current()
            .orElseThrow(
                () -> new NotAnInstallException(folder.root() + " has no release installed yet"));
    ReleaseManifest m = releases.verifiedManifest(release, state);
    return new Installed(release, m, folder.releaseDir(release.releaseId()));
  }

  private ChunkIndex index(ManifestFile f) {
    return CaibxReader.read(folder.index(f.indexSha256()));
  }
}
