package org.vsekai.nebula.cli.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.vsekai.nebula.activities.local.InstallStateFile;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.activities.local.RunningGames;

/**
 * A launcher that runs from an installed bundle ({@code <install>/versions/<release>/}) updates its
 * own install in the background while it runs: the new release is switched in as current, and this
 * launcher goes on from its own release folder, which is kept (marked in use) until it exits. The
 * next start runs the new version; nothing changes under the running one.
 */
final class LauncherSelfUpdate implements AutoCloseable {
  private final RunningGames running;
  private final Path marker;

  private LauncherSelfUpdate(RunningGames running, Path marker) {
    this.running = running;
    this.marker = marker;
  }

  /** Starts the bundle's update if {@code home} is an installed bundle's release; else empty. */
  static Optional<LauncherSelfUpdate> startIfBundled(Path home) throws IOException {
    Path versions = home.getParent();
    if (versions == null || !versions.getFileName().toString().equals("versions")) {
      return Optional.empty();
    }
    LauncherFolder bundle = new LauncherFolder(versions.getParent());
    var state = new InstallStateFile(bundle).read();
    if (state.isEmpty() || !BundleCommand.PRODUCT.equals(state.get().product())) {
      return Optional.empty();
    }
    RunningGames running = new RunningGames(bundle);
    Path marker = running.started(home.getFileName().toString(), ProcessHandle.current());
    Path log = bundle.meta().resolve("self-update.log");
    Files.createDirectories(log.getParent());
    new ProcessBuilder(home.resolve("vsekai").toString(), "--update", bundle.root().toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    return Optional.of(new LauncherSelfUpdate(running, marker));
  }

  @Override
  public void close() throws IOException {
    running.ended(marker);
  }

  /** For a shutdown hook: the marker of a dead launcher is ignored anyway (its pid is gone). */
  void closeQuietly() {
    try {
      close();
    } catch (IOException e) {
      // The next update sees the process is gone and removes the old release then.
    }
  }
}
