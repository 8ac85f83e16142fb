package org.vsekai.nebula.cli.commands;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.vsekai.nebula.cli.Cli;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.GlobalOptions;
import org.vsekai.nebula.cli.install.InstallContext;
import org.vsekai.nebula.worker.InstallWorker;
import org.vsekai.nebula.worker.TemporalClients;
import org.vsekai.nebula.workflows.LauncherConfig;
import org.vsekai.nebula.workflows.LauncherInput;
import org.vsekai.nebula.workflows.LauncherWorkflow;
import org.vsekai.nebula.workflows.TaskQueues;
import org.vsekai.nebula.workflows.WorkflowIds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "worker",
    description = {
      "Run the install's background worker until stopped.",
      "It serves the install's updates (from --update, rollouts and its own periodic checks) and",
      "resumes any update a crash interrupted."
    })
public final class WorkerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", arity = "0..1", description = "the launcher folder")
  Path dir;

  @Override
  public Integer call() throws Exception {
    GlobalOptions g = Cli.global(spec);
    InstallContext install = InstallContext.load(dir, g);
    WorkflowClient client = TemporalClients.connect(install.temporal());
    CountDownLatch stopped = new CountDownLatch(1);
    try (InstallWorker worker =
        InstallWorker.start(
            client, install.folder(), install.state(), install.uninstallCommand())) {
      restartLauncher(client, install, "vsekai worker started");
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "vsekai-worker-stop"));
      Cli.out(spec)
          .printf(
              "vsekai worker serving %s on task queue %s (%s)%n",
              install.folder().root(),
              worker.taskQueue(),
              install.state().autoUpdate()
                  ? "checks every " + install.state().checkIntervalMinutes() + " min"
                  : "manual updates only");
      Cli.out(spec).flush();
      stopped.await();
    } finally {
      client.getWorkflowServiceStubs().shutdown();
    }
    return ExitCodes.OK;
  }

  /**
   * Starts the install's launcher workflow from the state file, replacing a running one: the file
   * is the truth (mode, interval, cap may have changed since it started). A running update is the
   * launcher's abandoned child, so it goes on; the new launcher checks at once.
   */
  static void restartLauncher(WorkflowClient client, InstallContext install, String reason) {
    var s = install.state();
    try {
      client.newUntypedWorkflowStub(WorkflowIds.launcher(s.installId())).terminate(reason);
    } catch (io.temporal.client.WorkflowNotFoundException
        | io.grpc.StatusRuntimeException notRunning) {
      // nothing to replace
    }
    Duration interval =
        s.autoUpdate() && s.checkIntervalMinutes() > 0
            ? Duration.ofMinutes(s.checkIntervalMinutes())
            : null;
    LauncherWorkflow launcher =
        client.newWorkflowStub(
            LauncherWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.launcher(s.installId()))
                .setTaskQueue(TaskQueues.forInstall(s.installId()))
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    try {
      WorkflowClient.start(
          launcher::run,
          LauncherInput.start(
              new LauncherConfig(
                  s.installId(), s.product(), s.mode(), interval, false, s.maxBytesPerSecond())));
    } catch (WorkflowExecutionAlreadyStarted raced) {
      // another worker start won the race with the same state file: same configuration
    }
  }
}
