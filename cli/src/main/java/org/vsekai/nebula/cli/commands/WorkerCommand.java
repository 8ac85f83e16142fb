package org.vsekai.nebula.cli.commands;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.vsekai.nebula.api.client.ServiceException;
import org.vsekai.nebula.api.rest.LauncherStart;
import org.vsekai.nebula.cli.Cli;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.GlobalOptions;
import org.vsekai.nebula.cli.install.InstallContext;
import org.vsekai.nebula.cli.install.LauncherDir;
import org.vsekai.nebula.cli.local.LocalApiServer;
import org.vsekai.nebula.worker.FolderLock;
import org.vsekai.nebula.worker.InstallWorker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "worker",
    description = {
      "Run the install's background worker until stopped.",
      "It runs the steps of the install's updates (from --update, rollouts and its periodic checks)",
      "and resumes any update a crash interrupted. It reaches Temporal only through the service's",
      "install gateway, with the install's own credential."
    })
public final class WorkerCommand implements Callable<Integer> {
  /** How long to wait before asking the service again to keep the install current. */
  private static final long LAUNCHER_RETRY_SECONDS = 60;

  @Spec CommandSpec spec;

  @Mixin LauncherDir dir;

  @Override
  public Integer call() throws Exception {
    GlobalOptions g = Cli.global(spec);
    InstallContext install = dir.load(g);
    CountDownLatch stopped = new CountDownLatch(1);
    FolderLock lock = FolderLock.acquire(install.folder());
    // First, while the worker starts: the service retries at once a step a dead worker had
    // started, and starts the install's periodic checks.
    boolean launcherStarted = startLauncher(install);
    try (InstallWorker worker =
        InstallWorker.start(
            install.gateway().connect(),
            lock,
            install.folder(),
            install.state(),
            install.uninstallCommand(),
            null)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "vsekai-worker-stop"));
      LocalApiServer localApi = LocalApiServer.start(install.folder(), install.service());
      Runtime.getRuntime().addShutdownHook(new Thread(localApi::close, "vsekai-local-api-stop"));
      Cli.out(spec)
          .printf(
              "vsekai worker serving %s on task queue %s (%s); launcher API on 127.0.0.1:%d%n",
              install.folder().root(),
              worker.taskQueue(),
              install.state().autoUpdate()
                  ? "checks every " + install.state().checkIntervalMinutes() + " min"
                  : "manual updates only",
              localApi.port());
      Cli.out(spec).flush();
      while (!launcherStarted && !stopped.await(LAUNCHER_RETRY_SECONDS, TimeUnit.SECONDS)) {
        // the service was unreachable; the worker serves updates meanwhile and asks again
        launcherStarted = startLauncher(install);
      }
      stopped.await();
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    return ExitCodes.OK;
  }

  /**
   * Asks the service to keep the install current while this worker is online (its launcher
   * workflow, on the service's workers, with the state file's settings). False when the service
   * could not be reached.
   */
  private boolean startLauncher(InstallContext install) {
    var s = install.state();
    try {
      install
          .service()
          .startLauncher(
              s.installId(),
              new LauncherStart(
                  s.autoUpdate(),
                  s.checkIntervalMinutes(),
                  s.maxBytesPerSecond(),
                  s.retryForHours()));
      return true;
    } catch (ServiceException e) {
      if (e.status() >= 400 && e.status() < 500) {
        throw e;
      }
      Cli.err(spec)
          .println(
              "vsekai: cannot reach the service to start the install's checks ("
                  + e.getMessage()
                  + "); trying again in "
                  + LAUNCHER_RETRY_SECONDS
                  + " s");
      return false;
    }
  }
}
