package org.vsekai.nebula.worker;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.vsekai.nebula.activities.UpdateActivitiesImpl;
import org.vsekai.nebula.activities.local.InstallState;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.workflows.TaskQueues;

/**
 * The worker on a player's machine: serves {@code install-<installId>} with the update and launcher
 * workflows and the activities bound to the install folder. One per install, enforced with a lock
 * file, because two workers on one folder would race each other's staging.
 */
public final class InstallWorker implements AutoCloseable {
  /**
   * Activities at once: an update runs one step at a time, but a pause/cancel can overlap the
   * attempt being cancelled; a few slots leave room for that.
   */
  private static final int MAX_ACTIVITIES = 4;

  private final WorkerFactory factory;
  private final FolderLock lock;
  private final String taskQueue;

  private InstallWorker(WorkerFactory factory, FolderLock lock, String taskQueue) {
    this.factory = factory;
    this.lock = lock;
    this.taskQueue = taskQueue;
  }

  /**
   * How often a running step's heartbeat reaches Temporal at most. {@code vsekai --update} shows
   * progress and wants pause and cancel to arrive at once, so a second; the background worker keeps
   * the SDK's default (80% of the heartbeat timeout) to spare the service.
   */
  public static final Duration INTERACTIVE_HEARTBEAT = Duration.ofSeconds(1);

  /** Locks the install, registers its steps and starts polling. */
  public static InstallWorker start(
      WorkflowClient client,
      LauncherFolder folder,
      InstallState state,
      String uninstallCommand,
      Duration heartbeatThrottle) {
    return start(
        client, FolderLock.acquire(folder), folder, state, uninstallCommand, heartbeatThrottle);
  }

  /** Registers the install's steps and starts polling, under a lock the caller took. */
  public static InstallWorker start(
      WorkflowClient client,
      FolderLock lock,
      LauncherFolder folder,
      InstallState state,
      String uninstallCommand,
      Duration heartbeatThrottle) {
    String queue = TaskQueues.forInstall(state.installId());
    WorkerFactory factory = WorkerFactory.newInstance(client);
    WorkerOptions.Builder options =
        WorkerOptions.newBuilder()
            .setMaxConcurrentActivityTaskPollers(1)
            .setMaxConcurrentActivityExecutionSize(MAX_ACTIVITIES);
    if (heartbeatThrottle != null) {
      options
          .setMaxHeartbeatThrottleInterval(heartbeatThrottle)
          .setDefaultHeartbeatThrottleInterval(heartbeatThrottle);
    }
    Worker worker = factory.newWorker(queue, options.build());
    ServiceClient service = new ServiceClient(URI.create(state.serviceUrl()), null);
    worker.registerActivitiesImplementations(
        UpdateActivitiesImpl.forInstall(folder, service, uninstallCommand));
    factory.start();
    return new InstallWorker(factory, lock, queue);
  }

  public String taskQueue() {
    return taskQueue;
  }

  /**
   * Stops polling and waits for running activities a short while; their heartbeats lapse otherwise.
   */
  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    lock.close();
  }
}
