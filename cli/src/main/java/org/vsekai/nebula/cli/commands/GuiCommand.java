package org.vsekai.nebula.cli.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vsekai.nebula.cli.CliFailure;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.ProgramOnPath;
import org.vsekai.nebula.cli.install.LauncherDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code vsekai gui [DIR]}: opens the V-Sekai launcher (the repository's {@code launcher/}, Godot
 * 3.2) on an install; the launcher starts the install's worker itself.
 */
@Command(
    name = "gui",
    aliases = "launcher",
    description =
        "Open the V-Sekai launcher (Godot 3.2 GUI) on an install and wait until it closes.")
public final class GuiCommand implements Callable<Integer> {
  @Mixin LauncherDir dir;

  @Override
  public Integer call() throws Exception {
    // ./vsekai passes the clone it runs from; the launcher project and the script live there.
    Path home = Path.of(System.getProperty("vsekai.home", ".")).toAbsolutePath();
    Path project = home.resolve("launcher");
    if (!Files.isRegularFile(project.resolve("project.godot"))) {
      throw new CliFailure(ExitCodes.NOT_FOUND, "no launcher project at " + project);
    }
    Path godot =
        ProgramOnPath.find("godot3")
            .orElseThrow(
                () ->
                    new CliFailure(
                        ExitCodes.NOT_FOUND,
                        "godot3 is not installed (Debian: apt install godot3; or"
                            + " scripts/install-tools.sh)"));
    Path folder = dir.resolve().toAbsolutePath();
    // Run from an installed launcher bundle, the launcher updates itself meanwhile.
    Optional<LauncherSelfUpdate> selfUpdate = LauncherSelfUpdate.startIfBundled(home);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> selfUpdate.ifPresent(LauncherSelfUpdate::closeQuietly), "vsekai-gui-stop"));
    Process gui =
        new ProcessBuilder(
                List.of(
                    godot.toString(),
                    "--path",
                    project.toString(),
                    "--",
                    "--install",
                    folder.toString(),
                    "--vsekai",
                    home.resolve("vsekai").toString()))
            .inheritIO()
            .start();
    return gui.waitFor() == 0 ? ExitCodes.OK : ExitCodes.ERROR;
  }
}
