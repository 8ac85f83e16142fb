package org.vsekai.nebula.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Samples an install's {@code current} release over and over, the way a launcher about to start the
 * game would look at it, and records any sample that is neither the whole old nor the whole new
 * release. A sample taken from a release that stopped being current while it was read is dropped:
 * what a reader of {@code current} sees is what counts.
 */
final class FolderWatcher implements AutoCloseable {
  private final Path current;
  private final List<Map<String, String>> versions;
  private final Thread thread;
  private final AtomicInteger samples = new AtomicInteger();
  private final List<String> mixes = new ArrayList<>();
  private volatile boolean running = true;

  FolderWatcher(Path current, List<Map<String, String>> versionFingerprints) {
    this.current = current;
    this.versions = versionFingerprints;
    this.thread = new Thread(this::loop, "folder-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  /** A release's fingerprint: every path with its size, and the small files' contents. */
  static Map<String, String> fingerprint(Path releaseDir) throws IOException {
    Map<String, String> f = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(releaseDir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        long size = Files.size(p);
        String value = Long.toString(size);
        if (size < 4096) {
          value += ":" + Files.readString(p);
        }
        f.put(releaseDir.relativize(p).toString(), value);
      }
    }
    return f;
  }

  private void loop() {
    while (running) {
      try {
        Path release = current.toRealPath();
        Map<String, String> seen = fingerprint(release);
        if (!current.toRealPath().equals(release)) {
          continue; // switched while reading: not what a reader of current sees
        }
        samples.incrementAndGet();
        if (!versions.contains(seen)) {
          synchronized (mixes) {
            mixes.add(release + ": " + seen.keySet());
          }
        }
      } catch (IOException | UncheckedIOException notThereOrMoving) {
        // no release yet, or the one being read was just retired: not a sample
      }
    }
  }

  int samples() {
    return samples.get();
  }

  List<String> mixes() {
    synchronized (mixes) {
      return List.copyOf(mixes);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(10_000);
  }
}
