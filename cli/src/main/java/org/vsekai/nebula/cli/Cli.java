package org.vsekai.nebula.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** What every command reaches through its spec: the global options and the output streams. */
public final class Cli {
  private Cli() {}

  public static GlobalOptions global(CommandSpec spec) {
    return ((VsekaiCommand) spec.root().userObject()).global;
  }

  public static PrintWriter out(CommandSpec spec) {
    return spec.commandLine().getOut();
  }

  public static PrintWriter err(CommandSpec spec) {
    return spec.commandLine().getErr();
  }
}
