package org.vsekai.nebula.cli.commands;

import java.util.concurrent.Callable;
import org.vsekai.nebula.cli.ByteRate;
import org.vsekai.nebula.cli.Cli;
import org.vsekai.nebula.cli.Terminal;
import org.vsekai.nebula.cli.install.LauncherDir;
import org.vsekai.nebula.cli.update.UpdateAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "update",
    description = "Update DIR to the highest version of its mode (same as --update DIR).")
public final class UpdateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--max-rate",
      paramLabel = "RATE",
      converter = ByteRate.class,
      description = "download cap, e.g. 500K or 2M (bytes/s)")
  Long maxRate;

  @Option(
      names = "--allow-downgrade",
      description = "install a lower version if that is what the mode offers")
  boolean allowDowngrade;

  @Mixin LauncherDir dir;

  @Override
  public Integer call() {
    return UpdateAction.run(
        dir.given(),
        Cli.global(spec),
        maxRate,
        allowDowngrade,
        Cli.out(spec),
        Terminal.isInteractive());
  }
}
