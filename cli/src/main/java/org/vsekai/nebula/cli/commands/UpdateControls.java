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
import org.vsekai.nebula.worker.TemporalClients;
import org.vsekai.nebula.workflows.UpdateStatus;
import org.vsekai.nebula.workflows.client.UpdateHandle;
import org.vsekai.nebula.workflows.client.UpdateStarter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pause}, {@code resume} and {@code cancel} of an install's running update. */
public abstract class UpdateControls implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", arity = "0..1", description = "the launcher folder")
  Path dir;

  abstract String verb();

  abstract void send(UpdateHandle handle, UpdateStatus status);

  @Override
  public Integer call() {
    GlobalOptions g = Cli.global(spec);
    InstallContext install = InstallContext.load(dir, g);
    WorkflowClient client = TemporalClients.connect(install.temporal());
    try {
      UpdateHandle handle = new UpdateStarter(client).latest(install.state().installId());
      UpdateStatus status;
      try {
        status = handle.status();
      } catch (RuntimeException e) {
        throw new CliFailure(ExitCodes.NOT_FOUND, "no update of " + install.folder().root() + " is running");
      }
      if (status.state().isTerminal()) {
        throw new CliFailure(ExitCodes.NOT_FOUND, "no update of " + install.folder().root() + " is running (the last one ended "
            + status.state().label() + ")");
      }
      send(handle, status);
      if (g.json) {
        JsonOutput.line(Cli.out(spec), Map.of("installId", install.state().installId(), "sent", verb(), "state", status.state().label()));
      } else {
        Cli.out(spec).printf("Asked the update of %s to %s (it is in %s)%n", install.folder().root(), verb(), status.state().label());
      }
      return ExitCodes.OK;
    } finally {
      client.getWorkflowServiceStubs().shutdown();
    }
  }

  @Command(name = "pause", description = "Pause the install's update before its next step (the download stops).")
  public static final class Pause extends UpdateControls {
    String verb() {
      return "pause";
    }

    void send(UpdateHandle h, UpdateStatus s) {
      h.pause();
    }
  }

  @Command(name = "resume", description = "Resume a paused update.")
  public static final class Resume extends UpdateControls {
    String verb() {
      return "resume";
    }

    void send(UpdateHandle h, UpdateStatus s) {
      h.resume();
    }
  }

  @Command(name = "cancel", description = "Cancel the install's update; before FinalizingUpdate the install is left as it was.")
  public static final class Cancel extends UpdateControls {
    String verb() {
      return "cancel";
    }

    void send(UpdateHandle h, UpdateStatus s) {
      if (!s.cancellable()) {
        throw new CliFailure(ExitCodes.ERROR, "the update is " + s.state().label() + " and can no longer be cancelled");
      }
      h.cancel();
    }
  }
}
