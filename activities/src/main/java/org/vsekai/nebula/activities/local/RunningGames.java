package org.vsekai.nebula.activities.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The games the launcher started, one marker per process in {@code .nebula/running/}: which release
 * it runs from, its pid and when that process started. A release with a live marker is in use, and
 * an update leaves it in place until the game has ended. A marker whose process is gone, or whose
 * pid now names another process (it started at another instant), is stale and dropped: a crashed
 * launcher never pins a release for good.
 */
public final class RunningGames {
  /** What a marker holds. */
  record Marker(String releaseId, long pid, Instant processStart) {}

  private final LauncherFolder folder;

  public RunningGames(LauncherFolder folder) {
    this.folder = folder;
  }

  /**
   * Records that {@code process} runs from {@code releaseId}.
   *
   * @return the marker, for {@link #ended}
   */
  public Path started(String releaseId, ProcessHandle process) throws IOException {
    Files.createDirectories(folder.running());
    Path marker = folder.running().resolve(releaseId + "@" + process.pid() + ".json");
    Json.write(marker, new Marker(releaseId, process.pid(), startOf(process).orElse(null)));
    return marker;
  }

  /** The game of {@code marker} has ended. */
  public void ended(Path marker) throws IOException {
    Files.deleteIfExists(marker);
  }

  /** Whether a game the launcher started still runs from {@code releaseId}. */
  public boolean inUse(String releaseId) throws IOException {
    if (!Files.isDirectory(folder.running())) {
      return false;
    }
    boolean inUse = false;
    try (DirectoryStream<Path> markers = Files.newDirectoryStream(folder.running(), "*.json")) {
      for (Path m : markers) {
        Optional<Marker> marker = read(m);
        if (marker.isEmpty() || !alive(marker.get())) {
          Files.deleteIfExists(m);
        } else if (marker.get().releaseId().equals(releaseId)) {
          inUse = true;
        }
      }
    }
    return inUse;
  }

  private static Optional<Marker> read(Path m) {
    try {
      return Json.read(m, Marker.class);
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty(); // half-written by a launcher that died: nothing runs by it
    }
  }

  private static boolean alive(Marker m) {
    Optional<ProcessHandle> p = ProcessHandle.of(m.pid());
    if (p.isEmpty() || !p.get().isAlive()) {
      return false;
    }
    Optional<Instant> start = startOf(p.get());
    // Without a start time to compare (some systems hide it), a live pid counts as the game.
    return m.processStart() == null || start.isEmpty() || start.get().equals(m.processStart());
  }

  private static Optional<Instant> startOf(ProcessHandle p) {
    return p.info().startInstant();
  }
}
