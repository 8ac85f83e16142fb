package org.vsekai.nebula.server.tuf;

import io.dropwizard.lifecycle.Managed;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleUpdate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsekai.nebula.workflows.TaskQueues;

/**
 * Keeps the TUF metadata fresh while the service runs. On start it refreshes once (the first root
 * on first start, and whatever fell due while the service was down), then makes sure the Temporal
 * Schedule {@value #SCHEDULE_ID} runs {@link TufRefreshWorkflow} on {@code nebula-service} every
 * {@code every} (created, or updated to this interval). Without Temporal, or where it has no
 * Schedules (the Java test server of the embedded default), a timer in this process does the same,
 * so a service never lets its timestamp expire.
 */
public final class TufRefreshSchedule implements Managed {
  public static final String SCHEDULE_ID = "nebula-tuf-refresh";

  /** The schedule appends each run's start time to this. */
  public static final String WORKFLOW_ID = "nebula-tuf-refresh";

  /** A run stuck past this makes room for the next (the schedule skips while one runs). */
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

  private static final Logger LOG = LoggerFactory.getLogger(TufRefreshSchedule.class);

  private final TufPublisher publisher;
  private final Duration every;
  private final WorkflowClient client;
  private ScheduledExecutorService executor;

  /**
   * @param client the service's Temporal client; null without Temporal
   */
  public TufRefreshSchedule(TufPublisher publisher, Duration every, WorkflowClient client) {
    this.publisher = publisher;
    this.every = every;
    this.client = client;
  }

  @Override
  public void start() {
    publisher.refresh();
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tuf-refresh");
              t.setDaemon(true);
              return t;
            });
    if (client == null) {
      refreshInProcess("the service has no Temporal");
      return;
    }
    // Off the start-up path: an unreachable Temporal must not hold the service's port closed.
    executor.execute(
        () -> {
          try {
            ensureSchedule();
          } catch (RuntimeException e) {
            refreshInProcess("Temporal did not take the schedule (" + firstLine(e) + ")");
          }
        });
  }

  private void ensureSchedule() {
    ScheduleClient schedules =
        ScheduleClient.newInstance(
            client.getWorkflowServiceStubs(),
            ScheduleClientOptions.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .build());
    Schedule schedule = schedule();
    try {
      schedules.createSchedule(SCHEDULE_ID, schedule, ScheduleOptions.newBuilder().build());
      LOG.info("created the Temporal schedule {} (every {})", SCHEDULE_ID, every);
    } catch (ScheduleAlreadyRunningException exists) {
      schedules.getHandle(SCHEDULE_ID).update(input -> new ScheduleUpdate(schedule));
      LOG.info("updated the Temporal schedule {} (every {})", SCHEDULE_ID, every);
    }
  }

  Schedule schedule() {
    return Schedule.newBuilder()
        .setAction(
            ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(TufRefreshWorkflow.class)
                .setOptions(
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(WORKFLOW_ID)
                        .setTaskQueue(TaskQueues.SERVICE)
                        .setWorkflowExecutionTimeout(RUN_TIMEOUT)
                        .build())
                .build())
        .setSpec(
            ScheduleSpec.newBuilder()
                .setIntervals(List.of(new ScheduleIntervalSpec(every)))
                .build())
        .setPolicy(
            SchedulePolicy.newBuilder()
                .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                .build())
        .build();
  }

  private void refreshInProcess(String why) {
    LOG.warn("{}: the TUF metadata is refreshed by this process every {}", why, every);
    executor.scheduleAtFixedRate(
        () -> {
          try {
            publisher.refresh();
          } catch (RuntimeException e) {
            LOG.error("TUF refresh failed; trying again in {}", every, e);
          }
        },
        every.toMillis(),
        every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int newline = m.indexOf('\n');
    return newline < 0 ? m : m.substring(0, newline);
  }

  @Override
  public void stop() throws InterruptedException {
    if (executor == null) {
      return;
    }
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }
}
