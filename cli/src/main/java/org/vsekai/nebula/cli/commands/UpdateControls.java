package org.vsekai.nebula.cli.commands;

import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vsekai.nebula.cli.Cli;
import org.vsekai.nebula.cli.CliFailure;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.GlobalOptions;
import org.vsekai.nebula.cli.JsonOutput;
import org.vsekai.nebula.cli.install.InstallContext;
import org.vsekai.nebula.cli.update.UpdateLookup;
import org.vsekai.nebula.worker.TemporalClients;
import org.vsekai.nebula.workflows.client.UpdateHandle;
import org.vsekai.nebula.workflows.client.UpdateStarter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pause}, {@code resume} and {@code cancel} of an install's running update. */
public abstract class UpdateControls implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", arity = "0..1", description = "the launcher folder")
  Path dir;

  abstract String verb();

  abstract void send(UpdateHandle handle, UpdateLookup.View view);

  @Override
  public Integer call() {
    GlobalOptions g = Cli.global(spec);
    InstallContext install = InstallContext.load(dir, g);
    WorkflowClient client = TemporalClients.connect(install.temporal());
    try {
      UpdateLookup.View view =
          UpdateLookup.latest(client, install.state().installId())
              .orElseThrow(
                  () ->
                      new CliFailure(
                          ExitCodes.NOT_FOUND,
                          "no update of " + install.folder().root() + " is running"));
      if (!view.running()) {
        throw new CliFailure(
            ExitCodes.NOT_FOUND,
            "no update of "
                + install.folder().root()
                + " is running (the last one ended "
                + view.state()
                + ")");
      }
      send(new UpdateStarter(client).latest(install.state().installId()), view);
      if (g.json) {
        JsonOutput.line(
            Cli.out(spec),
            Map.of(
                "installId", install.state().installId(), "sent", verb(), "state", view.state()));
      } else {
        Cli.out(spec)
            .printf(
                "Asked the update of %s to %s (it is in %s)%n",
                install.folder().root(), verb(), view.state());
      }
      return ExitCodes.OK;
    } finally {
      client.getWorkflowServiceStubs().shutdown();
    }
  }

  @Command(
      name = "pause",
      description = "Pause the install's update before its next step (the download stops).")
  public static final class Pause extends UpdateControls {
    String verb() {
      return "pause";
    }

    void send(UpdateHandle h, UpdateLookup.View s) {
      h.pause();
    }
  }

  @Command(name = "resume", description = "Resume a paused update.")
  public static final class Resume extends UpdateControls {
    String verb() {
      return "resume";
    }

    void send(UpdateHandle h, UpdateLookup.View s) {
      h.resume();
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

    void send(UpdateHandle h, UpdateLookup.View s) {
      if (s.paused() != null && !s.cancellable()) {
        throw new CliFailure(
            ExitCodes.ERROR, "the update is " + s.state() + " and can no longer be cancelled");
      }
      h.cancel();
    }
  }
}
