package org.vsekai.nebula.activities;

import java.io.IOException;
import java.time.Clock;
import org.vsekai.nebula.activities.local.Json;
import org.vsekai.nebula.activities.local.LauncherFolder;

/** Writes {@link LocalProgress} to the launcher folder at most a few times a second. */
final class ProgressFile {
  private static final long MIN_INTERVAL_NANOS = 200_000_000L;
  private final LauncherFolder folder;
  private final Clock clock;
  private long last;

  ProgressFile(LauncherFolder folder, Clock clock) {
    this.folder = folder;
    this.clock = clock;
  }

  void write(String step, String version, long done, long total, long fetched, boolean force) {
    long now = System.nanoTime();
    if (!force && now - last < MIN_INTERVAL_NANOS) {
      return;
    }
    last = now;
    try {
      Json.write(
          folder.progressFile(),
          new LocalProgress(step, version, done, total, fetched, clock.instant()));
    } catch (IOException e) {
      // Progress is a convenience for the CLI; failing to write it must not fail the update.
    }
  }
}
