package org.vsekai.nebula.cli.commands;

import java.util.Map;
import java.util.concurrent.Callable;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.client.ServiceException;
import org.vsekai.nebula.api.rest.UpdateView;
import org.vsekai.nebula.cli.Cli;
import org.vsekai.nebula.cli.CliFailure;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.GlobalOptions;
import org.vsekai.nebula.cli.JsonOutput;
import org.vsekai.nebula.cli.install.InstallContext;
import org.vsekai.nebula.cli.install.LauncherDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code pause}, {@code resume} and {@code cancel} of an install's running update: calls to the
 * service with the install's own credential, which signals the update's workflow.
 */
public abstract class UpdateControls implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LauncherDir dir;

  abstract String verb();

  @Override
  public Integer call() {
    GlobalOptions g = Cli.global(spec);
    InstallContext install = dir.load(g);
    ServiceClient service = install.service();
    String id = install.state().installId();
    UpdateView view;
    try {
      UpdateView now = service.update(id);
      if (!now.running()) {
        throw new CliFailure(
            ExitCodes.NOT_FOUND,
            "no update of "
                + install.folder().root()
                + " is running (the last one ended "
                + now.state()
                + ")");
      }
      view = service.controlUpdate(id, verb());
    } catch (ServiceException e) {
      if (e.notFound()) {
        throw new CliFailure(
            ExitCodes.NOT_FOUND, "no update of " + install.folder().root() + " is running");
      }
      if (e.status() == 409) {
        throw new CliFailure(ExitCodes.ERROR, e.getMessage());
      }
      throw e;
    }
    if (g.json) {
      JsonOutput.line(
          Cli.out(spec),
          Map.of("installId", install.state().installId(), "sent", verb(), "state", view.state()));
    } else {
      Cli.out(spec)
          .printf(
              "Asked the update of %s to %s (it is in %s)%n",
              install.folder().root(), verb(), view.state());
    }
    return ExitCodes.OK;
  }

  @Command(
      name = "pause",
      description = "Pause the install's update before its next step (the download stops).")
  public static final class Pause extends UpdateControls {
    String verb() {
      return "pause";
    }
  }

  @Command(name = "resume", description = "Resume a paused update.")
  public static final class Resume extends UpdateControls {
    String verb() {
      return "resume";
    }
  }

  @Command(
      name = "cancel",
      description =
          "Cancel the install's update; before FinalizingUpdate the install is left as it was.")
  public static final class Cancel extends UpdateControls {
    String verb() {
      return "cancel";
    }
  }
}
