package org.vsekai.nebula.activities;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.vsekai.nebula.activities.local.InstallState;
import org.vsekai.nebula.activities.local.InstalledFile;
import org.vsekai.nebula.activities.local.InstalledRelease;
import org.vsekai.nebula.activities.local.InstalledReleases;
import org.vsekai.nebula.activities.local.Json;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.Sha256;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.client.ServiceException;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.manifest.ManifestJson;
import org.vsekai.nebula.api.manifest.ManifestVerifier;
import org.vsekai.nebula.api.manifest.ReleaseManifest;
import org.vsekai.nebula.api.manifest.SignedManifest;
import org.vsekai.nebula.api.tuf.ReleaseTargets;
import org.vsekai.nebula.desync.AtomicFiles;
import org.vsekai.nebula.desync.CaibxReader;
import org.vsekai.nebula.desync.CaibxWriter;
import org.vsekai.nebula.desync.ChunkId;
import org.vsekai.nebula.desync.ChunkIndex;
import org.vsekai.nebula.desync.ChunkSizes;
import org.vsekai.nebula.desync.ExtractPlan;
import org.vsekai.nebula.desync.FileSeed;
import org.vsekai.nebula.desync.IndexChunk;
import org.vsekai.nebula.desync.IndexFormatException;
import org.vsekai.nebula.desync.IndexMaker;
import org.vsekai.nebula.desync.LocalChunkStore;
import org.vsekai.nebula.desync.SeedSet;
import org.vsekai.nebula.workflows.UpdateFailures;

/**
 * prepare: the seed's check_launcher_folder, validate_manifest_file_and_version and
 * ensure_correct_files_for_update. It plans from what it must read, not from the whole install: an
 * installed file whose size and mtime still match its record is taken as is and its stored index
 * serves as a seed; only a file that no longer matches is read (re-hashed) and then used as a seed
 * too, and planned for re-assembly.
 */
public final class UpdatePlanner {
  /** Room left free beyond what an update needs, so it never fills a disk to the last byte. */
  static final long DISK_MARGIN = 64L << 20;

  private final LauncherFolder folder;
  private final ServiceClient service;
  private final Clock clock;
  private final DiskSpace disk;

  public UpdatePlanner(LauncherFolder folder, ServiceClient service, Clock clock, DiskSpace disk) {
    this.folder = folder;
    this.service = service;
    this.clock = clock;
    this.disk = disk;
  }

  public record Request(
      String installId, String product, String mode, String toVersion, boolean allowDowngrade) {}

  /** Progress readable from another thread while {@link #prepare} runs. */
  public final AtomicLong bytesRehashed = new AtomicLong();

  public StoredPlan prepare(Request request) throws IOException {
    InstallState state =
        InstallPolicy.admit(folder, request.installId(), request.product(), request.mode());
    boolean allowDowngrade =
        InstallPolicy.downgradeAllowed(state, request.allowDowngrade(), clock.instant());
    new ReleaseSwitcher(folder).recoverInterrupted();
    new StagingCleaner(folder).discardAll();

    InstalledReleases releases = new InstalledReleases(folder);
    Optional<InstalledRelease> installed = releases.current();
    ReleaseManifest installedManifest =
        installed.map(r -> releases.verifiedManifest(r, state)).orElse(null);
    ReleaseTargets signed = ReleaseMetadata.refreshed(folder, state, service, clock);
    Target target = target(request, state, signed, installedManifest, allowDowngrade);
    ReleaseManifest manifest = target.manifest();
    Installed now = installed(installed, manifest);
    FileChanges changes = changes(manifest, now);
    Transfers transfers =
        transfers(
            changes.changed(),
            now,
            new PatchRoute(
                signed,
                request.product(),
                manifest.version(),
                installedManifest == null ? null : installedManifest.version(),
                now.dir(),
                now.byPath().keySet(),
                now.damaged()));

    String planId =
        manifest.version() + "-" + String.format("%08x", ThreadLocalRandom.current().nextInt());
    StoredPlan plan =
        new StoredPlan(
            planId,
            request.installId(),
            request.product(),
            request.mode(),
            installedManifest == null ? null : installedManifest.version(),
            manifest.version(),
            installed.map(InstalledRelease::releaseId).orElse(null),
            target.envelope(),
            changes.changed(),
            changes.unchanged(),
            changes.removed(),
            dedupe(now.seeds()),
            transfers.downloads(),
            transfers.downloadSizes(),
            bytesRehashed.get(),
            transfers.patches());
    requireDiskSpace(plan);
    Files.createDirectories(folder.plans());
    Json.write(folder.plan(planId), plan);
    return plan;
  }

  /** The release to install: its manifest as verified and its signed envelope. */
  private record Target(ReleaseManifest manifest, SignedManifest envelope) {}

  /**
   * The manifest is a TUF target: listed for this product and the install's mode in the signed
   * targets, its bytes exactly the signed length and hash. Its freshness is the metadata's.
   */
  private static Target target(
      Request request,
      InstallState state,
      ReleaseTargets signed,
      ReleaseManifest installedManifest,
      boolean allowDowngrade)
      throws IOException {
    SemVer installedVersion =
        installedManifest == null ? null : SemVer.parse(installedManifest.version());
    byte[] manifestJson =
        signed.download(signed.manifest(request.product(), request.toVersion(), state.mode()));
    ReleaseManifest manifest = ManifestJson.read(manifestJson, ReleaseManifest.class);
    ManifestVerifier.check(
        manifest,
        new ManifestVerifier.Expectation(
            request.product(), installedVersion, null, allowDowngrade));
    SignedManifest envelope = SignedManifest.verifiedTarget(manifestJson);
    if (!SemVer.parse(manifest.version()).equals(SemVer.parse(request.toVersion()))) {
      throw new UpdateFailure(
          UpdateFailures.MALFORMED_MANIFEST,
          "asked for the manifest of "
              + request.toVersion()
              + " but got one for "
              + manifest.version());
    }
    return new Target(manifest, envelope);
  }

  /**
   * The installed release as the plan sees it: its files by path, the seeds they offer, and those
   * no longer as installed (re-read, and never trusted as they were).
   */
  private record Installed(
      Path dir,
      Map<String, InstalledFile> byPath,
      List<StoredPlan.SeedRef> seeds,
      Set<String> damaged) {}

  /** Which installed files can be trusted without reading them, and the seeds they offer. */
  private Installed installed(Optional<InstalledRelease> installed, ReleaseManifest manifest)
      throws IOException {
    ChunkSizes sizes =
        new ChunkSizes(
            manifest.chunking().min(), manifest.chunking().avg(), manifest.chunking().max());
    Map<String, InstalledFile> byPath = new HashMap<>();
    List<StoredPlan.SeedRef> seeds = new ArrayList<>();
    Set<String> damaged = new HashSet<>();
    Path dir = installed.map(r -> folder.releaseDir(r.releaseId())).orElse(null);
    if (installed.isPresent()) {
      for (InstalledFile f : installed.get().files()) {
        byPath.put(f.path(), f);
        Path file = dir.resolve(f.path());
        if (InstalledReleases.unchangedSinceInstall(file, f)
            && Files.isRegularFile(folder.index(f.indexSha256()))) {
          seeds.add(new StoredPlan.SeedRef(f.path(), f.indexSha256()));
        } else {
          damaged.add(f.path());
          if (Files.isRegularFile(file)) {
            seeds.add(new StoredPlan.SeedRef(f.path(), rehash(file, sizes)));
          }
        }
      }
    }
    return new Installed(dir, byPath, seeds, damaged);
  }

  private record FileChanges(
      List<ManifestFile> changed, List<String> unchanged, List<String> removed) {}

  /** The release's files split into those to assemble and those to carry over; and the dropped. */
  private static FileChanges changes(ReleaseManifest manifest, Installed now) {
    List<ManifestFile> changed = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (ManifestFile f : manifest.files()) {
      InstalledFile was = now.byPath().get(f.path());
      // Same bytes with other permissions is assembled too (from the installed file, as a seed):
      // a hard link would share, and so change, the installed file's permissions.
      if (was != null
          && was.indexSha256().equals(f.indexSha256())
          && Objects.equals(was.permissions(), f.permissions())
          && !now.damaged().contains(f.path())) {
        unchanged.add(f.path());
      } else {
        changed.add(f);
      }
    }
    Set<String> kept = new HashSet<>(unchanged);
    changed.forEach(f -> kept.add(f.path()));
    List<String> removed = new ArrayList<>();
    for (String p : now.byPath().keySet()) {
      if (!kept.contains(p)) {
        removed.add(p);
      }
    }
    removed.sort(null);
    return new FileChanges(changed, unchanged, removed);
  }

  private record Transfers(
      List<String> downloads, List<Integer> downloadSizes, List<StoredPlan.PlannedPatch> patches) {}

  /**
   * What must cross the wire, in file order: for each changed file, its patch when that is cheaper,
   * else the chunks no seed and no cached chunk holds.
   */
  private Transfers transfers(List<ManifestFile> changed, Installed now, PatchRoute patchRoute)
      throws IOException {
    List<FileSeed> fileSeeds = new ArrayList<>();
    for (StoredPlan.SeedRef s : now.seeds()) {
      fileSeeds.add(
          new FileSeed(
              CaibxReader.read(folder.index(s.indexSha256())), now.dir().resolve(s.path())));
    }
    SeedSet located = SeedSet.of(fileSeeds);
    LocalChunkStore cache = new LocalChunkStore(folder.cache());
    LinkedHashMap<ChunkId, Integer> needed = new LinkedHashMap<>();
    List<StoredPlan.PlannedPatch> patches = new ArrayList<>();
    for (ManifestFile f : changed) {
      ChunkIndex index = fetchIndex(f.indexSha256());
      if (index.length() != f.size()) {
        throw new UpdateFailure(
            UpdateFailures.MALFORMED_MANIFEST,
            "the index of "
                + f.path()
                + " describes "
                + index.length()
                + " bytes, the manifest says "
                + f.size());
      }
      Map<ChunkId, Integer> sizeOf = new HashMap<>();
      for (IndexChunk c : index.chunks()) {
        sizeOf.put(c.id(), c.size());
      }
      LinkedHashMap<ChunkId, Integer> missing = new LinkedHashMap<>();
      for (ChunkId id : ExtractPlan.of(index, located, null).idsToFetch()) {
        if (!cache.has(id)) {
          missing.putIfAbsent(id, sizeOf.get(id));
        }
      }
      Optional<StoredPlan.PlannedPatch> patch =
          patchRoute.cheaper(f, missing.values().stream().mapToLong(Integer::longValue).sum());
      if (patch.isPresent()) {
        patches.add(patch.get());
      } else {
        missing.forEach(needed::putIfAbsent);
      }
    }
    List<String> downloads = new ArrayList<>(needed.size());
    List<Integer> downloadSizes = new ArrayList<>(needed.size());
    needed.forEach(
        (id, size) -> {
          downloads.add(id.toHex());
          downloadSizes.add(size);
        });
    return new Transfers(downloads, downloadSizes, patches);
  }

  /** A changed file's index from the service (digest-checked), kept for later updates' seeds. */
  private ChunkIndex fetchIndex(String sha256) throws IOException {
    Path local = folder.index(sha256);
    if (Files.isRegularFile(local)) {
      byte[] bytes = Files.readAllBytes(local);
      if (Sha256.hex(bytes).equals(sha256)) {
        return CaibxReader.read(bytes, local.toString());
      }
    }
    byte[] bytes;
    try {
      bytes = service.index(sha256);
    } catch (ServiceException e) {
      if (e.notFound()) {
        throw new UpdateFailure(
            UpdateFailures.UNKNOWN_RELEASE, "the service has no index " + sha256);
      }
      throw e;
    }
    ChunkIndex index;
    try {
      index = CaibxReader.read(bytes, "index " + sha256);
    } catch (IndexFormatException e) {
      throw new UpdateFailure(UpdateFailures.MALFORMED_MANIFEST, e.getMessage());
    }
    AtomicFiles.write(local, bytes);
    return index;
  }

  /** Chunks a file that no longer matches its record, to use what is still right in it. */
  private String rehash(Path file, ChunkSizes sizes) throws IOException {
    ChunkIndex index = new IndexMaker(sizes).make(file).index();
    bytesRehashed.addAndGet(index.length());
    byte[] bytes = CaibxWriter.toBytes(index);
    String sha = Sha256.hex(bytes);
    AtomicFiles.write(folder.index(sha), bytes);
    return sha;
  }

  private static List<StoredPlan.SeedRef> dedupe(List<StoredPlan.SeedRef> seeds) {
    return new ArrayList<>(new LinkedHashSet<>(seeds));
  }

  /** Staging the changed files and caching the downloads must fit, with a margin. */
  private void requireDiskSpace(StoredPlan plan) throws IOException {
    Files.createDirectories(folder.meta());
    long needed = plan.bytesToStage() + plan.bytesToDownload() + DISK_MARGIN;
    long free = disk.usableBytes(folder.meta());
    if (free < needed) {
      throw new UpdateFailure(
          UpdateFailures.INSUFFICIENT_DISK_SPACE,
          "updating to "
              + plan.toVersion()
              + " needs "
              + mib(needed)
              + " MiB free in "
              + folder.root()
              + ", only "
              + mib(free)
              + " MiB are");
    }
  }

  private static long mib(long bytes) {
    return (bytes + (1 << 20) - 1) >> 20;
  }
}
