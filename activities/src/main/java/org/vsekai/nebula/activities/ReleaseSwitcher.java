package org.vsekai.nebula.activities;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsekai.nebula.activities.local.CurrentRelease;
import org.vsekai.nebula.activities.local.InstalledFile;
import org.vsekai.nebula.activities.local.InstalledRelease;
import org.vsekai.nebula.activities.local.InstalledReleases;
import org.vsekai.nebula.activities.local.Json;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.manifest.ManifestJson;
import org.vsekai.nebula.api.manifest.ReleaseManifest;

/**
 * finalize: the seed's delete_old_and_move_over as a journaled switch. The new release is completed
 * beside the old one (unchanged files are hard-linked, never rewritten, once checked still as
 * installed), its record is written, then {@code current} is switched in one atomic rename, then
 * the old release is removed. The journal names the step reached; a crash anywhere leaves {@code
 * current} on a complete release, and running again rolls forward from the journal.
 */
public final class ReleaseSwitcher {
  private static final Logger LOG = LoggerFactory.getLogger(ReleaseSwitcher.class);

  /** Steps of the journal, in order. */
  enum Step {
    COMPLETE_NEW,
    SWITCH,
    REMOVE_OLD
  }

  /** {@code .nebula/finalize.json}. */
  record Journal(String planId, String fromReleaseId, Step step) {}

  public record Result(int filesReplaced, int filesRemoved) {}

  /** Called as each journal step is written: crash tests stop the switch there. */
  @FunctionalInterface
  interface StepListener {
    StepListener NONE = step -> {};

    void reached(Step step);
  }

  /** Assembles files of the new release that cannot be taken from the installed one after all. */
  @FunctionalInterface
  public interface Restager {
    /** For recovery, which never completes a release: it only rolls a switch back or forward. */
    Restager NONE =
        (plan, files) -> {
          throw new IllegalStateException("no way to assemble " + files.size() + " files here");
        };

    void restage(StoredPlan plan, List<ManifestFile> files) throws IOException;
  }

  private final LauncherFolder folder;
  private final Restager restager;
  private final StepListener listener;

  /** For recovering an interrupted switch only. */
  public ReleaseSwitcher(LauncherFolder folder) {
    this(folder, Restager.NONE, StepListener.NONE);
  }

  public ReleaseSwitcher(LauncherFolder folder, Restager restager) {
    this(folder, restager, StepListener.NONE);
  }

  ReleaseSwitcher(LauncherFolder folder, Restager restager, StepListener listener) {
    this.folder = folder;
    this.restager = restager;
    this.listener = listener;
  }

  public Result finalizeUpdate(String planId) throws IOException {
    Optional<Journal> journal = Json.read(folder.journal(), Journal.class);
    if (journal.isPresent() && !journal.get().planId().equals(planId)) {
      rollForward(journal.get(), null);
      journal = Optional.empty();
    }
    StoredPlan plan;
    if (Files.isRegularFile(folder.plan(planId))) {
      plan = PlanFiles.read(folder, planId);
    } else if (journal.isPresent() && journal.get().step() == Step.REMOVE_OLD) {
      // Crashed after the plan was dropped: only the tidying is left.
      rollForward(journal.get(), null);
      return new Result(0, 0);
    } else if (new CurrentRelease(folder).releaseId().filter(planId::equals).isPresent()) {
      return new Result(0, 0); // finished by an earlier attempt
    } else {
      plan = PlanFiles.read(folder, planId); // throws: the plan is gone
    }
    Journal j = journal.orElse(new Journal(planId, plan.fromReleaseId(), Step.COMPLETE_NEW));
    if (journal.isEmpty()) {
      Json.write(folder.journal(), j);
      pauseForCrashTests();
      listener.reached(Step.COMPLETE_NEW);
    }
    rollForward(j, plan);
    return new Result(plan.changed().size(), plan.removed().size());
  }

  /** Completes an interrupted switch (prepare calls this before planning anything new). */
  public void recoverInterrupted() throws IOException {
    Optional<Journal> journal = Json.read(folder.journal(), Journal.class);
    if (journal.isEmpty()) {
      return;
    }
    Journal j = journal.get();
    if (j.step() == Step.COMPLETE_NEW) {
      // Never switched: the old release is intact and current. Forget the half-made new one.
      Files.deleteIfExists(folder.journal());
      return;
    }
    rollForward(j, null);
  }

  private void rollForward(Journal j, StoredPlan plan) throws IOException {
    Step step = j.step();
    if (step == Step.COMPLETE_NEW) {
      if (plan == null) {
        Files.deleteIfExists(folder.journal());
        return;
      }
      completeNewRelease(plan);
      step = advance(j, Step.SWITCH);
    }
    if (step == Step.SWITCH) {
      new CurrentRelease(folder).switchTo(j.planId());
      // The new release is in. Nothing after this may fail the update, a full disk included:
      // what is not done now (a journal step, a removal) is done by the next update's prepare.
      bestEffort(() -> advance(j, Step.REMOVE_OLD));
    }
    // The old release goes only once no game runs from it, and whole: one in use is removed when
    // the game ends (vsekai launch), by vsekai verify, or by the next update's prepare.
    if (j.fromReleaseId() != null && !j.fromReleaseId().equals(j.planId())) {
      bestEffort(() -> new OldReleases(folder).removeIfUnused(j.fromReleaseId()));
    }
    bestEffort(() -> Files.deleteIfExists(folder.plan(j.planId())));
    bestEffort(() -> Files.deleteIfExists(folder.fetchedBytes(j.planId())));
    bestEffort(() -> Tree.delete(folder.patches(j.planId())));
    // Every cached chunk is now in the installed files, which seed the next update.
    bestEffort(() -> Tree.delete(folder.cache()));
    bestEffort(() -> Files.deleteIfExists(folder.progressFile()));
    bestEffort(() -> Files.deleteIfExists(folder.journal()));
  }

  private interface Tidying {
    Object run() throws IOException;
  }

  private static void bestEffort(Tidying t) {
    try {
      t.run();
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("left for the next update to remove: {}", e.getMessage());
    }
  }

  private Step advance(Journal j, Step next) throws IOException {
    Json.write(folder.journal(), new Journal(j.planId(), j.fromReleaseId(), next));
    pauseForCrashTests();
    listener.reached(next);
    return next;
  }

  /**
   * Fault injection for crash tests: {@code NEBULA_FAULT_FINALIZE_PAUSE_MS} holds each journal step
   * that long, so a test can kill the worker mid-switch at a known step. Unset in real use.
   */
  private static void pauseForCrashTests() {
    String ms = System.getenv("NEBULA_FAULT_FINALIZE_PAUSE_MS");
    if (ms == null || ms.isBlank()) {
      return;
    }
    try {
      Thread.sleep(Long.parseLong(ms.trim()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Links the unchanged files into the new release and writes its record. "Unchanged" was decided
   * when the plan was made, maybe hours ago; a file the game or the player wrote to since then is
   * assembled afresh instead, never carried into the new release.
   */
  private void completeNewRelease(StoredPlan plan) throws IOException {
    Path staging = folder.releaseDir(plan.planId());
    Files.createDirectories(staging);
    ReleaseManifest manifest =
        ManifestJson.read(plan.manifest().payloadBytes(), ReleaseManifest.class);
    if (plan.fromReleaseId() != null) {
      List<ManifestFile> restage = linkUnchanged(plan, manifest, staging);
      if (!restage.isEmpty()) {
        LOG.warn(
            "{} files changed on disk since the update was planned; assembling them afresh",
            restage.size());
        restager.restage(plan, restage);
      }
    }
    // Exactly the release's files go live: nothing a crashed attempt left behind.
    int strays =
        Tree.keepOnly(
            staging, manifest.files().stream().map(f -> f.path()).collect(Collectors.toSet()));
    if (strays > 0) {
      LOG.info("removed {} stray entries from the new release", strays);
    }
    new InstalledReleases(folder).record(plan.planId(), manifest, plan.manifest());
  }

  /** Links each unchanged file still as installed; returns those that are not. */
  private List<ManifestFile> linkUnchanged(StoredPlan plan, ReleaseManifest manifest, Path staging)
      throws IOException {
    Path old = folder.releaseDir(plan.fromReleaseId());
    Map<String, InstalledFile> recorded = new HashMap<>();
    Json.read(folder.releaseRecord(plan.fromReleaseId()), InstalledRelease.class)
        .ifPresent(r -> r.files().forEach(f -> recorded.put(f.path(), f)));
    Map<String, ManifestFile> wanted = new HashMap<>();
    manifest.files().forEach(f -> wanted.put(f.path(), f));
    List<ManifestFile> restage = new ArrayList<>();
    for (String path : plan.unchanged()) {
      Path source = old.resolve(path);
      Path target = staging.resolve(path);
      InstalledFile was = recorded.get(path);
      boolean intact = was != null && InstalledReleases.unchangedSinceInstall(source, was);
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        // An earlier attempt made it: a file of its own (assembled or copied) stands; a link to
        // the installed file stands only while that file is intact.
        if (intact || !sameFile(target, source)) {
          continue;
        }
        Files.delete(target);
      }
      if (intact) {
        Files.createDirectories(target.getParent());
        linkOrCopy(source, target);
      } else {
        restage.add(wanted.get(path));
      }
    }
    return restage;
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(b, LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /** A hard link shares the bytes without writing them; a copy where links are not possible. */
  private static void linkOrCopy(Path existing, Path link) throws IOException {
    try {
      Files.createLink(link, existing);
    } catch (UnsupportedOperationException | FileSystemException e) {
      Path tmp = link.resolveSibling("." + link.getFileName() + ".copy");
      Files.copy(
          existing, tmp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
      Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE);
    }
  }
}
