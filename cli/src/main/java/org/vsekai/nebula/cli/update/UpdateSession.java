package org.vsekai.nebula.cli.update;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.vsekai.nebula.activities.LocalProgress;
import org.vsekai.nebula.activities.local.InstallStateFile;
import org.vsekai.nebula.activities.local.Json;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.client.ServiceException;
import org.vsekai.nebula.api.rest.UpdateStart;
import org.vsekai.nebula.api.rest.UpdateView;
import org.vsekai.nebula.cli.CliFailure;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.install.InstallContext;
import org.vsekai.nebula.worker.FolderLock;
import org.vsekai.nebula.worker.InstallWorker;
import org.vsekai.nebula.worker.WorkerBusyException;

/**
 * One update as the CLI runs it: the install's worker in this process (unless a background worker
 * already serves it), the update asked of the service with the install's credential, its progress
 * shown until it ends. The update is a workflow on the service's workers, so stopping the CLI stops
 * only the watching and the worker: the update resumes when a worker for the install runs again.
 */
public final class UpdateSession {
  /** How often the local progress file is read: smooth enough for a bar, cheap. */
  private static final long POLL_MILLIS = 250;

  /** How often the service is asked: the state and the end come from there. */
  private static final long SERVICE_POLL_MILLIS = 1000;

  /** How long a player's {@code --allow-downgrade} lets this install take a lower version. */
  static final Duration DOWNGRADE_GRANT = Duration.ofHours(1);

  private final InstallContext install;
  private final ProgressView view;

  public UpdateSession(InstallContext install, ProgressView view) {
    this.install = install;
    this.view = view;
  }

  /** How the session ended, with the wall time it took. */
  public record Outcome(UpdateView result, Duration took) {}

  /**
   * @param maxBytesPerSecond the download's cap; 0 for the install's own
   * @param allowDowngrade let this update install a lower version (granted in the install's own
   *     file for {@link #DOWNGRADE_GRANT})
   */
  public Outcome run(long maxBytesPerSecond, boolean allowDowngrade) {
    long start = System.nanoTime();
    // First, so that a service the credential must not go to is refused before anything runs.
    ServiceClient service = install.service();
    if (allowDowngrade) {
      new InstallStateFile(install.folder())
          .write(install.state().withDowngradeAllowedUntil(Instant.now().plus(DOWNGRADE_GRANT)));
    }
    InstallWorker worker = null;
    try {
      String id = install.state().installId();
      FolderLock lock = null;
      try {
        lock = FolderLock.acquire(install.folder());
      } catch (WorkerBusyException busy) {
        // A background worker serves this install; watching is all that is left to do here.
      }
      // Asked while our worker starts (both take a network round trip or more; a resume after a
      // crash waits for both). With the folder's lock we are its only worker: a step an earlier
      // worker had started is dead, and the service has it retried at once.
      boolean onlyWorker = lock != null;
      CompletableFuture<UpdateView> asked =
          CompletableFuture.supplyAsync(
              () ->
                  service.startUpdate(
                      id,
                      new UpdateStart(
                          maxBytesPerSecond,
                          allowDowngrade,
                          onlyWorker,
                          install.state().retryForHours())));
      if (lock != null) {
        try {
          worker =
              InstallWorker.start(
                  install.gateway().connect(),
                  lock,
                  install.folder(),
                  install.state(),
                  install.uninstallCommand(),
                  InstallWorker.INTERACTIVE_HEARTBEAT);
        } catch (RuntimeException e) {
          lock.close();
          asked.cancel(false);
          throw e;
        }
      }
      UpdateView started = answer(asked);
      UpdateView latest = started;
      RateMeter rate = new RateMeter();
      long nextServicePoll = 0;
      while (true) {
        long now = System.nanoTime();
        if (now >= nextServicePoll) {
          latest = current(service, id, latest);
          nextServicePoll = now + SERVICE_POLL_MILLIS * 1_000_000;
          if (!latest.running() && latest.runId().equals(started.runId())) {
            view.show(snapshot(latest, rate));
            view.finish();
            return new Outcome(latest, Duration.ofNanos(System.nanoTime() - start));
          }
        }
        view.show(snapshot(latest, rate));
        Thread.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      view.finish();
      throw new CliFailure(
          ExitCodes.INTERRUPTED,
          "stopped watching; the update goes on when a worker for this install runs (vsekai"
              + " worker)");
    } finally {
      if (worker != null) {
        worker.close();
      }
    }
  }

  /** The service's answer to the start, its own exception rethrown as the caller would see it. */
  private static UpdateView answer(CompletableFuture<UpdateView> asked)
      throws InterruptedException {
    try {
      return asked.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** The service's view, or the last one when the service did not answer this time. */
  private static UpdateView current(ServiceClient service, String id, UpdateView last) {
    try {
      return service.update(id);
    } catch (ServiceException e) {
      if (e.status() >= 400 && e.status() < 500) {
        throw e;
      }
      return last; // a service restarting, say; the update goes on without us watching
    }
  }

  private ProgressSnapshot snapshot(UpdateView status, RateMeter rate) {
    String state = status.state();
    long done = 0;
    long total = 0;
    Optional<LocalProgress> local = readLocalProgress();
    if (local.isPresent() && local.get().step().equals(state)) {
      done = local.get().bytesDone();
      total = local.get().bytesTotal();
    } else if (status.progress() != null && "DownloadingUpdate".equals(state)) {
      done = status.progress().bytesDone();
      total = status.progress().bytesTotal();
    }
    long perSecond = rate.add(done);
    return new ProgressSnapshot(
        state, status.fromVersion(), status.toVersion(), done, total, perSecond, status.paused());
  }

  private Optional<LocalProgress> readLocalProgress() {
    try {
      return Json.read(install.folder().progressFile(), LocalProgress.class);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // being rewritten this instant; the next poll reads it
    }
  }

  /** A failed update as one line and the exit code its failure type documents. */
  static CliFailure failureOf(UpdateView ended) {
    return new CliFailure(
        UpdateExitCodes.of(ended.failureType()),
        "update failed (" + ended.failureType() + "): " + ended.failure());
  }
}
