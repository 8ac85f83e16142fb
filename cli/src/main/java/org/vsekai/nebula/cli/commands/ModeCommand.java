package org.vsekai.nebula.cli.commands;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vsekai.nebula.activities.local.InstallStateFile;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.rest.ModeInfo;
import org.vsekai.nebula.cli.Cli;
import org.vsekai.nebula.cli.CliFailure;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.GlobalOptions;
import org.vsekai.nebula.cli.JsonOutput;
import org.vsekai.nebula.cli.install.InstallContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The seed's {@code mode switch --mode_name NAME}, {@code mode current} and {@code mode list}. */
@Command(
    name = "mode",
    description = "Release modes (stable, beta, ...): switch, current, list.",
    subcommands = {
      ModeCommand.Switch.class,
      ModeCommand.Current.class,
      ModeCommand.ListModes.class,
      ModeCommand.Create.class
    })
public final class ModeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(Cli.out(spec));
  }

  static final class DirOption {
    @Option(
        names = {"--dir", "-d"},
        paramLabel = "DIR",
        description =
            "the launcher folder (default: env VSEKAI_LAUNCHER_DIR, the current folder if it is one, or the per-user one)")
    Path dir;
  }

  @Command(
      name = "switch",
      description = "Switch the install to another mode; the next update follows it.")
  static final class Switch implements Callable<Integer> {
    @Spec CommandSpec spec;
    @CommandLine.Mixin DirOption where;

    @Option(
        names = {"--mode_name", "--mode-name"},
        required = true,
        paramLabel = "NAME",
        description = "the mode to follow")
    String mode;

    @Override
    public Integer call() {
      GlobalOptions g = Cli.global(spec);
      InstallContext install = InstallContext.load(where.dir, g);
      ServiceClient service = install.service();
      List<ModeInfo> modes = service.modes();
      if (modes.stream().noneMatch(m -> m.name().equals(mode))) {
        throw new CliFailure(
            ExitCodes.NOT_FOUND,
            "the service offers no mode '"
                + mode
                + "' (modes: "
                + String.join(", ", modes.stream().map(ModeInfo::name).toList())
                + ")");
      }
      // The service first: it is what rollouts read, and it tells a running launcher. The local
      // file, which the install's worker holds tasks to, follows only if the service agreed.
      service.switchMode(install.state().installId(), mode);
      String before = install.state().mode();
      new InstallStateFile(install.folder()).write(install.state().withMode(mode));
      if (g.json) {
        JsonOutput.line(
            Cli.out(spec),
            Map.of("installId", install.state().installId(), "from", before, "mode", mode));
      } else {
        Cli.out(spec)
            .printf(
                "Switched %s from %s to %s; run 'vsekai --update %s' to update now%n",
                install.folder().root(), before, mode, install.folder().root());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "current", description = "Print the mode the install follows.")
  static final class Current implements Callable<Integer> {
    @Spec CommandSpec spec;
    @CommandLine.Mixin DirOption where;

    @Override
    public Integer call() {
      GlobalOptions g = Cli.global(spec);
      InstallContext install = InstallContext.load(where.dir, g);
      if (g.json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("installId", install.state().installId());
        m.put("product", install.state().product());
        m.put("mode", install.state().mode());
        JsonOutput.line(Cli.out(spec), m);
      } else {
        Cli.out(spec).println(install.state().mode());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "create", description = "Create a release mode (publisher token).")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;

    @CommandLine.Mixin PublisherTokenOption token;

    @CommandLine.Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      GlobalOptions g = Cli.global(spec);
      ModeInfo m = token.publisher(g).createMode(name);
      if (g.json) {
        JsonOutput.line(Cli.out(spec), m);
      } else {
        Cli.out(spec).println("Mode " + m.name() + " valid from " + m.validFrom());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", description = "List the modes the service offers now.")
  static final class ListModes implements Callable<Integer> {
    @Spec CommandSpec spec;
    @CommandLine.Mixin DirOption where;

    @Override
    public Integer call() {
      GlobalOptions g = Cli.global(spec);
      ServiceClient service =
          g.serviceUrl != null && !g.serviceUrl.isBlank()
              ? ServiceAccess.reader(g)
              : InstallContext.load(where.dir, g).service();
      List<ModeInfo> modes = service.modes();
      if (g.json) {
        JsonOutput.line(Cli.out(spec), modes);
      } else {
        for (ModeInfo m : modes) {
          Cli.out(spec).println(m.name());
        }
      }
      return ExitCodes.OK;
    }
  }
}
