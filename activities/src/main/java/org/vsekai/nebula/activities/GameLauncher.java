package org.vsekai.nebula.activities;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsekai.nebula.activities.local.CurrentRelease;
import org.vsekai.nebula.activities.local.InstalledRelease;
import org.vsekai.nebula.activities.local.InstalledReleases;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.activities.local.NotAnInstallException;
import org.vsekai.nebula.activities.local.RunningGames;

/**
 * Starts the installed release's game from the release's own folder (never through {@code current},
 * which an update may switch under it) and keeps that release in place while the game runs: an
 * update that completes meanwhile leaves it, and it is removed when the game ends.
 */
public final class GameLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(GameLauncher.class);

  private final LauncherFolder folder;
  private final RunningGames games;

  public GameLauncher(LauncherFolder folder) {
    this.folder = folder;
    this.games = new RunningGames(folder);
  }

  /** A started game. */
  public final class Game {
    private final Process process;
    private final Path marker;
    private final String releaseId;

    private Game(Process process, Path marker, String releaseId) {
      this.process = process;
      this.marker = marker;
      this.releaseId = releaseId;
    }

    public Process process() {
      return process;
    }

    /** The release it runs from. */
    public String releaseId() {
      return releaseId;
    }

    /**
     * Waits for the game to end, releases its release and removes the releases nothing uses any
     * more (the one an update replaced while it ran).
     *
     * @return the game's exit code
     */
    public int waitFor() throws InterruptedException {
      int code = process.waitFor();
      try {
        games.ended(marker);
        new OldReleases(folder).removeUnused();
      } catch (IOException e) {
        LOG.warn("old releases are removed later: {}", e.getMessage());
      }
      return code;
    }
  }

  /**
   * Starts the game.
   *
   * @param inheritIo whether the game shares this process's standard streams
   * @throws NotAnInstallException when nothing is installed, or the release names no executable
   */
  public Game start(List<String> args, boolean inheritIo) throws IOException {
    // Claimed before it is read: an update that switches meanwhile either sees the claim and
    // keeps the release, or is seen here, and the game starts from the new one.
    String releaseId = null;
    Path claim = null;
    for (int tries = 0; tries < 5 && claim == null; tries++) {
      String id = currentId();
      Path mine = games.started(id, ProcessHandle.current());
      if (id.equals(currentId())) {
        releaseId = id;
        claim = mine;
      } else {
        games.ended(mine);
      }
    }
    if (claim == null) {
      throw new IOException("the installed release keeps changing; try again");
    }
    try {
      // Absolute: the game starts in its release folder, where a relative path means nothing.
      Path dir = folder.releaseDir(releaseId).toAbsolutePath();
      Path exe = executable(releaseId, dir);
      List<String> command = new ArrayList<>();
      command.add(exe.toAbsolutePath().toString());
      command.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
      if (inheritIo) {
        pb.inheritIO();
      }
      Process process = pb.start();
      Path marker = games.started(releaseId, process.toHandle());
      return new Game(process, marker, releaseId);
    } finally {
      games.ended(claim);
    }
  }

  private String currentId() throws IOException {
    return new CurrentRelease(folder)
        .releaseId()
        .orElseThrow(
            () ->
                new NotAnInstallException(
                    "nothing is installed in " + folder.root() + " yet; run vsekai --update"));
  }

  private Path executable(String releaseId, Path dir) {
    Optional<InstalledRelease> record =
        new InstalledReleases(folder).current().filter(r -> r.releaseId().equals(releaseId));
    String path =
        record
            .map(r -> InstalledReleases.manifestOf(r).executablePath())
            .orElseThrow(() -> new NotAnInstallException("the installed release has no record"));
    if (path == null || path.isBlank()) {
      throw new NotAnInstallException(
          "the installed release names no executable to start; it is not a game");
    }
    Path exe = dir.resolve(path).normalize();
    if (!exe.startsWith(dir) || !Files.isRegularFile(exe)) {
      throw new NotAnInstallException(
          "the release's executable " + path + " is missing; run vsekai repair");
    }
    return exe;
  }
}
