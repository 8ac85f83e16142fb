package org.vsekai.nebula.activities;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.vsekai.nebula.activities.local.InstalledReleases;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.desync.CachingChunkStore;
import org.vsekai.nebula.desync.CaibxReader;
import org.vsekai.nebula.desync.ChunkIndex;
import org.vsekai.nebula.desync.ChunkInvalidException;
import org.vsekai.nebula.desync.Extractor;
import org.vsekai.nebula.desync.FileSeed;
import org.vsekai.nebula.desync.FileVerifier;
import org.vsekai.nebula.desync.HttpChunkStore;
import org.vsekai.nebula.desync.LocalChunkStore;
import org.vsekai.nebula.workflows.UpdateFailures;

/**
 * apply: assembles every changed file of the plan into {@code versions/<planId>}, from the chunk
 * cache and the installed files as seeds, each verified against its index. The installed release is
 * only read. A file already staged by an earlier attempt is kept if it verifies.
 */
public final class StagingAssembler {
  private final LauncherFolder folder;
  private final ServiceClient service;

  public StagingAssembler(LauncherFolder folder, ServiceClient service) {
    this.folder = folder;
    this.service = service;
  }

  /** Counters another thread reads for heartbeats and the progress file. */
  public static final class Progress {
    public final AtomicLong filesDone = new AtomicLong();
    public final AtomicLong bytesDone = new AtomicLong();
    public final AtomicLong fileBytesDone = new AtomicLong();
    public volatile long bytesTotal;
  }

  public record Result(int files, long bytes) {}

  /**
   * Fault injection for crash tests: {@code NEBULA_FAULT_APPLY_PAUSE_MS} holds the first large file
   * of an attempt half-written that long, so a test can kill the worker mid-file. Unset in real
   * use.
   */
  private static final class CrashTestPause {
    private final long millis = millis();
    private boolean done;

    private static long millis() {
      String ms = System.getenv("NEBULA_FAULT_APPLY_PAUSE_MS");
      return ms == null || ms.isBlank() ? 0 : Long.parseLong(ms.strip());
    }

    void midFile(long written, long total) {
      if (millis == 0 || done || total < (1 << 20) || written * 2 < total) {
        return;
      }
      done = true;
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private final CrashTestPause crashTestPause = new CrashTestPause();

  public Result apply(String planId, boolean resumed, Progress progress) throws IOException {
    StoredPlan plan = PlanFiles.read(folder, planId);
    Path staging = folder.releaseDir(plan.planId());
    Files.createDirectories(staging);
    // An attempt killed mid-file left its temporary beside the file; it is nobody's now.
    Set<String> releaseFiles = new HashSet<>(plan.unchanged());
    plan.changed().forEach(f -> releaseFiles.add(f.path()));
    Tree.deleteTemporaries(staging, releaseFiles);
    progress.bytesTotal = plan.bytesToStage();
    PatchApplier patches = new PatchApplier(folder);
    Extractor extractor =
        extractor(plan)
            .progress(
                (done, total) -> {
                  progress.fileBytesDone.set(done);
                  crashTestPause.midFile(done, total);
                });
    long bytes = 0;
    for (ManifestFile f : plan.changed()) {
      Path out = target(staging, f);
      ChunkIndex index = CaibxReader.read(folder.index(f.indexSha256()));
      if (!(resumed && Files.isRegularFile(out) && FileVerifier.verify(index, out, 2).matches())) {
        long base = progress.bytesDone.get();
        StoredPlan.PlannedPatch patch = plan.patchOf(f.path());
        boolean patched =
            patch != null
                && patches.apply(
                    plan,
                    patch,
                    index,
                    out,
                    done -> {
                      progress.fileBytesDone.set(done);
                      crashTestPause.midFile(done, index.length());
                    });
        if (!patched) {
          assemble(extractor, index, out);
        }
        progress.fileBytesDone.set(0);
        progress.bytesDone.set(base);
      }
      InstalledReleases.applyPermissions(out, f.permissions());
      bytes += f.size();
      progress.bytesDone.addAndGet(f.size());
      progress.filesDone.incrementAndGet();
    }
    return new Result(plan.changed().size(), bytes);
  }

  /**
   * Assembles files the plan meant to take unchanged from the installed release, for when they
   * changed on disk after the plan was made (the game or the player wrote to them). Their chunks
   * come from the same seeds and cache as apply's (a seed's chunks are checked as read), the rest
   * from the service.
   */
  public void restage(StoredPlan plan, List<ManifestFile> files) throws IOException {
    Path staging = folder.releaseDir(plan.planId());
    Extractor extractor = extractor(plan);
    for (ManifestFile f : files) {
      Path out = target(staging, f);
      ChunkIndex index = CaibxReader.read(folder.index(f.indexSha256()));
      assemble(extractor, index, out);
      InstalledReleases.applyPermissions(out, f.permissions());
    }
  }

  /** One extractor for every file: the installed files are located as seeds once. */
  private Extractor extractor(StoredPlan plan) throws IOException {
    List<FileSeed> seeds = new ArrayList<>();
    if (plan.fromReleaseId() != null) {
      Path installed = folder.releaseDir(plan.fromReleaseId());
      for (StoredPlan.SeedRef s : plan.seeds()) {
        Path file = installed.resolve(s.path());
        if (Files.isRegularFile(file)) {
          seeds.add(new FileSeed(CaibxReader.read(folder.index(s.indexSha256())), file));
        }
      }
    }
    // The cache holds what download fetched; a chunk gone bad there is fetched again.
    CachingChunkStore store =
        new CachingChunkStore(
            new LocalChunkStore(folder.cache()), new HttpChunkStore(service.chunkStore()));
    return new Extractor(store).seeds(seeds).seedFromOutput(false).durable(true);
  }

  private static Path target(Path staging, ManifestFile f) {
    Path out = staging.resolve(f.path()).normalize();
    if (!out.startsWith(staging)) {
      throw new UpdateFailure(
          UpdateFailures.UNSAFE_PATH,
          "manifest path '" + f.path() + "' escapes the install folder");
    }
    return out;
  }

  private static void assemble(Extractor extractor, ChunkIndex index, Path out) throws IOException {
    Files.createDirectories(out.getParent());
    try {
      extractor.extract(index, out);
    } catch (ChunkInvalidException e) {
      throw new UpdateFailure(UpdateFailures.CORRUPT_CHUNK, e.getMessage(), e);
    }
  }
}
