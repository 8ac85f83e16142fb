package org.vsekai.nebula.cli.update;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.vsekai.nebula.activities.LocalProgress;
import org.vsekai.nebula.activities.local.Json;
import org.vsekai.nebula.cli.CliFailure;
import org.vsekai.nebula.cli.install.InstallContext;
import org.vsekai.nebula.worker.InstallWorker;
import org.vsekai.nebula.worker.TemporalClients;
import org.vsekai.nebula.worker.WorkerBusyException;
import org.vsekai.nebula.workflows.UpdateRequest;
import org.vsekai.nebula.workflows.UpdateResult;
import org.vsekai.nebula.workflows.UpdateStatus;
import org.vsekai.nebula.workflows.client.UpdateHandle;
import org.vsekai.nebula.workflows.client.UpdateStarter;

/**
 * One update as the CLI runs it: a worker in this process for the install (unless a background
 * worker already serves it), the update started or joined, its progress shown until it ends.
 * Stopping the CLI stops only the watching: the update is durable in Temporal and resumes when a
 * worker for the install runs again.
 */
public final class UpdateSession {
  private static final long POLL_MILLIS = 250;

  private final InstallContext install;
  private final ProgressView view;

  public UpdateSession(InstallContext install, ProgressView view) {
    this.install = install;
    this.view = view;
  }

  /** How the session ended, with the wall time it took. */
  public record Outcome(UpdateResult result, Duration took, boolean attached) {}

  public Outcome run(UpdateRequest request) {
    long start = System.nanoTime();
    WorkflowClient client = TemporalClients.connect(install.temporal());
    InstallWorker worker = null;
    try {
      try {
        worker =
            InstallWorker.start(
                client, install.folder(), install.state(), install.uninstallCommand());
      } catch (WorkerBusyException busy) {
        // A background worker serves this install; watching is all that is left to do here.
      }
      UpdateHandle handle = new UpdateStarter(client).startOrAttach(request);
      CompletableFuture<UpdateResult> result = CompletableFuture.supplyAsync(handle::result);
      RateMeter rate = new RateMeter();
      while (true) {
        try {
          UpdateResult r = result.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
          snapshot(handle, rate).ifPresent(view::show);
          view.finish();
          return new Outcome(r, Duration.ofNanos(System.nanoTime() - start), handle.attached());
        } catch (TimeoutException e) {
          snapshot(handle, rate).ifPresent(view::show);
        }
      }
    } catch (ExecutionException e) {
      view.finish();
      throw failureOf(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      view.finish();
      throw new CliFailure(
          org.vsekai.nebula.cli.ExitCodes.INTERRUPTED,
          "stopped watching; the update goes on when a worker for this install runs (vsekai worker)");
    } finally {
      if (worker != null) worker.close();
      client.getWorkflowServiceStubs().shutdown();
    }
  }

  private Optional<ProgressSnapshot> snapshot(UpdateHandle handle, RateMeter rate) {
    UpdateStatus status;
    try {
      status = handle.status();
    } catch (RuntimeException notYetRunning) {
      return Optional.empty(); // the first workflow task has not run yet
    }
    String state = status.state().label();
    long done = 0;
    long total = 0;
    Optional<LocalProgress> local = readLocalProgress();
    if (local.isPresent() && local.get().step().equals(state)) {
      done = local.get().bytesDone();
      total = local.get().bytesTotal();
    } else if (status.progress() != null && state.equals("DownloadingUpdate")) {
      done = status.progress().bytesDone();
      total = status.progress().bytesTotal();
    }
    long perSecond = rate.add(done);
    return Optional.of(
        new ProgressSnapshot(
            state,
            status.fromVersion(),
            status.toVersion(),
            done,
            total,
            perSecond,
            status.paused()));
  }

  private Optional<LocalProgress> readLocalProgress() {
    try {
      return Json.read(install.folder().progressFile(), LocalProgress.class);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // being rewritten this instant; the next poll reads it
    }
  }

  /** A failed update as one line and the exit code its failure type documents. */
  static CliFailure failureOf(Throwable t) {
    if (t instanceof WorkflowFailedException wf) {
      Throwable cause = wf.getCause();
      if (cause instanceof ApplicationFailure af) {
        return new CliFailure(
            UpdateExitCodes.of(af.getType()),
            "update failed (" + af.getType() + "): " + af.getOriginalMessage(),
            t);
      }
      if (cause instanceof CanceledFailure) {
        return new CliFailure(
            org.vsekai.nebula.cli.ExitCodes.ERROR, "update cancelled; the install is unchanged", t);
      }
      return new CliFailure(
          org.vsekai.nebula.cli.ExitCodes.ERROR,
          "update failed: " + (cause == null ? wf.getMessage() : cause.getMessage()),
          t);
    }
    if (t instanceof RuntimeException r) throw r;
    return new CliFailure(org.vsekai.nebula.cli.ExitCodes.ERROR, String.valueOf(t.getMessage()), t);
  }
}
