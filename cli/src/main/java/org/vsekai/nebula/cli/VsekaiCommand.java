package org.vsekai.nebula.cli;

import org.vsekai.nebula.cli.desync.DesyncCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vsekai}: the entry point. Subcommands do the work; this class only wires them. */
@Command(
    name = "vsekai",
    description = "Nebula, the durable game updater for V-Sekai.",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {DesyncCommand.class})
public final class VsekaiCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The configured command line; tests call {@code execute} on it. */
  public static CommandLine commandLine() {
    return new CommandLine(new VsekaiCommand())
        .setExecutionExceptionHandler(new ErrorReporter())
        .setCaseInsensitiveEnumValuesAllowed(true);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
