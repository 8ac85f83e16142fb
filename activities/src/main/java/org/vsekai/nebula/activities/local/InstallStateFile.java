package org.vsekai.nebula.activities.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** {@code .nebula/install.json}: read and written whole. */
public final class InstallStateFile {
  private final LauncherFolder folder;

  public InstallStateFile(LauncherFolder folder) {
    this.folder = folder;
  }

  public Optional<InstallState> read() {
    try {
      return Json.read(folder.installStateFile(), InstallState.class);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + folder.installStateFile() + ": " + e.getMessage(), e);
    }
  }

  /** The state, or a clear error when the folder is not a Nebula install. */
  public InstallState require() {
    return read()
        .orElseThrow(
            () ->
                new NotAnInstallException(
                    folder.root()
                        + " is not a Nebula install (no "
                        + LauncherFolder.META
                        + "/install.json; run 'vsekai install' first)"));
  }

  /** Writes the state for its owner's eyes only: it holds the install's credential. */
  public void write(InstallState state) {
    try {
      Json.writePrivate(folder.installStateFile(), state);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write " + folder.installStateFile() + ": " + e.getMessage(), e);
    }
  }
}
