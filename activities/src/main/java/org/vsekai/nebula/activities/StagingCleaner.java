package org.vsekai.nebula.activities;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsekai.nebula.activities.local.CurrentRelease;
import org.vsekai.nebula.activities.local.Json;
import org.vsekai.nebula.activities.local.LauncherFolder;

/**
 * discardStaging: drops what an update that will not finish left behind (its staging folder and
 * plan), never the installed release, and keeps the chunk cache for the next attempt.
 */
public final class StagingCleaner {
  private static final Logger LOG = LoggerFactory.getLogger(StagingCleaner.class);
  private final LauncherFolder folder;

  public StagingCleaner(LauncherFolder folder) {
    this.folder = folder;
  }

  /** Drops one plan and its staging; returns the bytes freed. */
  public long discard(String planId) throws IOException {
    if (isCurrent(planId) || switchInProgress(planId)) {
      return 0;
    }
    long freed = Tree.delete(folder.releaseDir(planId));
    Files.deleteIfExists(folder.plan(planId));
    Files.deleteIfExists(folder.fetchedBytes(planId));
    Tree.delete(folder.patches(planId));
    Files.deleteIfExists(folder.progressFile());
    return freed;
  }

  /**
   * Drops every plan and staging folder, and every installed release but the current one and those
   * a game still runs from ({@link OldReleases}). What cannot be removed yet is left for a later
   * call; it never holds up an update.
   */
  public long discardAll() throws IOException {
    long freed = 0;
    new OldReleases(folder).removeUnused();
    if (Files.isDirectory(folder.versions())) {
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(folder.versions())) {
        for (Path d : dirs) {
          String name = d.getFileName().toString();
          // Installed releases are OldReleases' to remove; what is left here is staging.
          if (Files.exists(folder.releaseRecord(name))) {
            continue;
          }
          try {
            freed += discard(name);
          } catch (IOException heldOpen) {
            LOG.warn("cannot remove {} yet: {}", d, heldOpen.getMessage());
          }
        }
      }
    }
    if (Files.isDirectory(folder.plans())) {
      try (DirectoryStream<Path> plans = Files.newDirectoryStream(folder.plans(), "*.json")) {
        for (Path p : plans) {
          String id = p.getFileName().toString().replaceFirst("\\.json$", "");
          freed += discard(id);
        }
      }
      // Patches of a plan whose file is gone already (a crash between the two removals).
      try (DirectoryStream<Path> patches = Files.newDirectoryStream(folder.plans(), "*.patches")) {
        for (Path p : patches) {
          String id = p.getFileName().toString().replaceFirst("\\.patches$", "");
          if (!Files.exists(folder.plan(id))) {
            freed += Tree.delete(p);
          }
        }
      }
    }
    return freed;
  }

  private boolean isCurrent(String releaseId) throws IOException {
    Optional<String> current = new CurrentRelease(folder).releaseId();
    return current.isPresent() && current.get().equals(releaseId);
  }

  /** A release being switched in must not be discarded out from under the journal. */
  private boolean switchInProgress(String releaseId) throws IOException {
    return Json.read(folder.journal(), ReleaseSwitcher.Journal.class)
        .map(j -> j.planId().equals(releaseId))
        .orElse(false);
  }
}
