package org.vsekai.nebula.cli.desync;

import picocli.CommandLine.Command;

/** {@code vsekai desync ...}: the engine's commands with desync's argument shapes. */
@Command(
    name = "desync",
    description = "Content-defined chunking compatible with desync and casync.",
    subcommands = {
      MakeCommand.class,
      ExtractCommand.class,
      VerifyCommand.class,
      VerifyIndexCommand.class,
      PruneCommand.class,
      InfoCommand.class,
      ChopCommand.class,
      TarCommand.class,
      UntarCommand.class
    })
public final class DesyncCommand {}
