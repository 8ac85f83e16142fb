package org.vsekai.nebula.cli.install;

import java.nio.file.Path;
import org.vsekai.nebula.cli.GlobalOptions;
import picocli.CommandLine.Parameters;

/**
 * The {@code DIR} every install command takes: the launcher folder, optional (see {@link
 * InstallContext#resolveFolder}). Mixed into each command with {@code @Mixin}.
 */
public final class LauncherDir {
  @Parameters(
      paramLabel = "DIR",
      arity = "0..1",
      description =
          "the launcher folder (default: env VSEKAI_LAUNCHER_DIR, else the current folder if it is"
              + " an install, else the per-user one)")
  Path dir;

  /** The folder as given; null when it was not. */
  public Path given() {
    return dir;
  }

  /** The folder this command works on. */
  public Path resolve() {
    return InstallContext.resolveFolder(dir);
  }

  /** The install in it; a usage error when there is none. */
  public InstallContext load(GlobalOptions g) {
    return InstallContext.load(dir, g);
  }
}
