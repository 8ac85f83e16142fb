package org.vsekai.nebula.activities;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsekai.nebula.activities.local.CurrentRelease;
import org.vsekai.nebula.activities.local.Json;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.activities.local.RunningGames;

/**
 * Removes installed releases that are neither current nor in use, each whole or not at all. A game
 * the launcher started keeps its release ({@link RunningGames}). A release is first renamed out of
 * the way in one step, which on Windows fails while any file in it is open (a game started some
 * other way), and only then deleted: a locked release stays whole for a later try instead of being
 * left half-deleted, and whatever is left of a renamed one is nobody's release.
 */
public final class OldReleases {
  private static final Logger LOG = LoggerFactory.getLogger(OldReleases.class);

  /** Prefix of a release folder on its way out; never a release id (those start with a digit). */
  static final String REMOVING = ".removing-";

  private final LauncherFolder folder;

  public OldReleases(LauncherFolder folder) {
    this.folder = folder;
  }

  /**
   * Removes {@code releaseId} if it is not current, not being switched in and not in use.
   *
   * @return whether it is gone
   */
  public boolean removeIfUnused(String releaseId) throws IOException {
    Path dir = folder.releaseDir(releaseId);
    if (!Files.exists(dir)) {
      Files.deleteIfExists(folder.releaseRecord(releaseId));
      return true;
    }
    if (kept(releaseId)) {
      return false;
    }
    Path away = dir.resolveSibling(REMOVING + releaseId);
    try {
      Tree.delete(away); // an earlier removal that did not finish
      Files.move(dir, away);
    } catch (IOException locked) {
      LOG.info("release {} is in use; it is removed later: {}", releaseId, locked.getMessage());
      return false;
    }
    Files.deleteIfExists(folder.releaseRecord(releaseId));
    Tree.delete(away);
    return true;
  }

  /**
   * Removes every installed release but the current one (and those in use), and what is left of
   * earlier removals. {@code vsekai launch} calls it when a game ends, {@code vsekai verify} and
   * every update's prepare too.
   *
   * @return the releases removed
   */
  public List<String> removeUnused() throws IOException {
    List<String> removed = new ArrayList<>();
    if (!Files.isDirectory(folder.versions())) {
      return removed;
    }
    List<Path> dirs = new ArrayList<>();
    try (DirectoryStream<Path> all = Files.newDirectoryStream(folder.versions())) {
      all.forEach(dirs::add);
    }
    for (Path d : dirs) {
      String name = d.getFileName().toString();
      if (name.startsWith(REMOVING)) {
        try {
          Tree.delete(d);
        } catch (IOException stillLocked) {
          LOG.info("cannot finish removing {} yet: {}", d, stillLocked.getMessage());
        }
      } else if (Files.isRegularFile(folder.releaseRecord(name)) && removeIfUnused(name)) {
        removed.add(name);
      }
    }
    return removed;
  }

  /** Current, being switched in, or running a game. */
  private boolean kept(String releaseId) throws IOException {
    Optional<String> current = new CurrentRelease(folder).releaseId();
    if (current.isPresent() && current.get().equals(releaseId)) {
      return true;
    }
    boolean switching =
        Json.read(folder.journal(), ReleaseSwitcher.Journal.class)
            .map(j -> j.planId().equals(releaseId))
            .orElse(false);
    return switching || new RunningGames(folder).inUse(releaseId);
  }
}
