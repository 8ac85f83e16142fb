package org.vsekai.nebula.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vsekai.nebula.cli.commands.BundleCommand;
import org.vsekai.nebula.cli.commands.GuiCommand;
import org.vsekai.nebula.cli.commands.InstallChecks;
import org.vsekai.nebula.cli.commands.InstallCommand;
import org.vsekai.nebula.cli.commands.LaunchCommand;
import org.vsekai.nebula.cli.commands.ModeCommand;
import org.vsekai.nebula.cli.commands.ProductCommand;
import org.vsekai.nebula.cli.commands.PublishCommand;
import org.vsekai.nebula.cli.commands.ServerCommand;
import org.vsekai.nebula.cli.commands.StatusCommand;
import org.vsekai.nebula.cli.commands.UpdateCommand;
import org.vsekai.nebula.cli.commands.UpdateControls;
import org.vsekai.nebula.cli.commands.WorkerCommand;
import org.vsekai.nebula.cli.demo.DemoCommand;
import org.vsekai.nebula.cli.desync.DesyncCommand;
import org.vsekai.nebula.cli.keys.KeysCommand;
import org.vsekai.nebula.cli.rollout.RolloutCommand;
import org.vsekai.nebula.cli.update.UpdateAction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vsekai}: the entry point. The seed's {@code --update DIR} is an option of the command
 * itself; everything else is a subcommand. This class only wires them.
 */
@Command(
    name = "vsekai",
    description = "Nebula, the durable game updater for V-Sekai.",
    versionProvider = VersionProvider.class,
    subcommands = {
      InstallCommand.class,
      UpdateCommand.class,
      ModeCommand.class,
      StatusCommand.class,
      LaunchCommand.class,
      GuiCommand.class,
      BundleCommand.class,
      UpdateControls.Pause.class,
      UpdateControls.Resume.class,
      UpdateControls.Cancel.class,
      InstallChecks.Verify.class,
      InstallChecks.Repair.class,
      WorkerCommand.class,
      PublishCommand.class,
      ProductCommand.class,
      KeysCommand.class,
      ServerCommand.class,
      DemoCommand.class,
      DesyncCommand.class,
      RolloutCommand.class
    })
public final class VsekaiCommand implements Callable<Integer> {
  // Not mixinStandardHelpOptions: its --version would be inherited too, and publish and
  // rollout take --version as the release's. -h/--help works on every subcommand.
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      scope = CommandLine.ScopeType.INHERIT,
      description = "Show this help message and exit.")
  boolean helpRequested;

  @Option(
      names = {"-V", "--version"},
      versionHelp = true,
      description = "Print version information and exit.")
  boolean versionRequested;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin public GlobalOptions global = new GlobalOptions();

  @Option(
      names = "--update",
      paramLabel = "DIR",
      description = "update the launcher folder DIR to the highest version of its mode")
  Path update;

  @Option(
      names = "--max-rate",
      paramLabel = "RATE",
      converter = ByteRate.class,
      description = "with --update: download cap, e.g. 500K or 2M (bytes/s)")
  Long maxRate;

  @Option(
      names = "--allow-downgrade",
      description = "with --update: install a lower version if that is what the mode offers")
  boolean allowDowngrade;

  @Override
  public Integer call() {
    if (update != null) {
      return UpdateAction.run(
          update,
          global,
          maxRate,
          allowDowngrade,
          spec.commandLine().getOut(),
          Terminal.isInteractive());
    }
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  /** The configured command line; tests call {@code execute} on it. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new VsekaiCommand());
    cli.getCommandSpec().usageMessage().footer(ExitCodes.footer());
    return cli.setExecutionExceptionHandler(new ErrorReporter())
        .setExecutionStrategy(
            parsed -> {
              if (ErrorReporter.isVerbose(parsed)) {
                Logging.verbose();
              }
              return new CommandLine.RunLast().execute(parsed);
            })
        .setCaseInsensitiveEnumValuesAllowed(true);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
