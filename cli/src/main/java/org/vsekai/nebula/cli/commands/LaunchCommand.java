package org.vsekai.nebula.cli.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vsekai.nebula.activities.GameLauncher;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.cli.CliFailure;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.install.InstallContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code vsekai launch DIR [-- ARGS]}: starts the installed game and waits for it. Offline: it
 * needs neither the service nor a worker. An update that completes while the game runs leaves the
 * game's release in place until the game ends.
 */
@Command(
    name = "launch",
    description =
        "Start the installed game from its release and wait for it; an update meanwhile keeps"
            + " that release until the game ends. Exits with the game's exit code.")
public final class LaunchCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", arity = "0..1", description = "the launcher folder")
  Path dir;

  @Parameters(
      index = "1..*",
      paramLabel = "ARG",
      description = "arguments for the game (after DIR; put -- before any that start with -)")
  List<String> gameArgs = List.of();

  @Override
  public Integer call() throws Exception {
    LauncherFolder folder = new LauncherFolder(InstallContext.resolveFolder(dir));
    if (!Files.isRegularFile(folder.installStateFile())) {
      throw new CliFailure(
          ExitCodes.NOT_FOUND,
          folder.root() + " is not a Nebula install; create one with 'vsekai install'");
    }
    GameLauncher.Game game = new GameLauncher(folder).start(gameArgs, true);
    return game.waitFor();
  }
}
