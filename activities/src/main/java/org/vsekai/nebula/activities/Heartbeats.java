package org.vsekai.nebula.activities;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs an activity's work on its own thread while the activity thread heartbeats. A heartbeat is
 * how Temporal tells an activity it was cancelled (pause, cancel) and how it notices a dead worker,
 * so it must keep going however long one file takes to hash; when a heartbeat reports a
 * cancellation the work is interrupted and awaited before the exception propagates, so a later
 * attempt never races this one on disk.
 */
final class Heartbeats {
  /** Temporal throttles what reaches the server; this only bounds how stale the details are. */
  static final Duration INTERVAL = Duration.ofSeconds(2);

  /** Something to do between heartbeats, e.g. writing the local progress file. */
  interface Tick {
    void run();
  }

  private Heartbeats() {}

  static <T> T during(
      ActivityExecutionContext ctx, Supplier<Object> details, Tick tick, Callable<T> work)
      throws Exception {
    FutureTask<T> task = new FutureTask<>(work);
    Thread worker = new Thread(task, "activity-work");
    worker.setDaemon(true);
    worker.start();
    long nextBeat = 0;
    try {
      while (true) {
        try {
          T result = task.get(250, TimeUnit.MILLISECONDS);
          tick.run();
          return result;
        } catch (TimeoutException e) {
          tick.run();
          if (System.nanoTime() >= nextBeat) {
            ctx.heartbeat(details.get());
            nextBeat = System.nanoTime() + INTERVAL.toNanos();
          }
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      throw (Error) cause;
    } catch (ActivityCompletionException | InterruptedException e) {
      worker.interrupt();
      task.cancel(true);
      worker.join(Duration.ofSeconds(60).toMillis());
      throw e;
    }
  }
}
