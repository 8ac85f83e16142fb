package org.vsekai.nebula.server.tuf;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.desync.testing.TemporalDevServer;
import org.vsekai.nebula.schema.db.TufMetadataRow;
import org.vsekai.nebula.server.EmbeddedNebulaService;
import org.vsekai.nebula.server.temporal.EmbeddedTemporal;
import org.vsekai.nebula.workflows.NebulaSearchAttributes;
import org.vsekai.nebula.workflows.TaskQueues;

/**
 * The timestamp kept fresh with no release published: by the Temporal Schedule the service makes on
 * the real dev server (and updates to a new interval when it restarts), and by a timer in the
 * process where Temporal has no Schedules (the Java test server of the embedded default).
 */
@Tag("integration")
class TufRefreshScheduleTest {
  @TempDir Path dir;

  @Test
  void theServiceSchedulesTheRefreshOnTemporalAndItsRunsSignFreshTimestamps() throws Exception {
    try (TemporalDevServer temporal =
        TemporalDevServer.start(dir, NebulaSearchAttributes.names())) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.address()).build());
      try {
        ScheduleClient schedules =
            ScheduleClient.newInstance(
                stubs, ScheduleClientOptions.newBuilder().setNamespace("default").build());
        Map<String, String> settings =
            Map.of(
                "NEBULA_TEMPORAL_TARGET", temporal.address(),
                "NEBULA_TUF_TIMESTAMP_LIFETIME", "8s",
                "NEBULA_TUF_REFRESH_INTERVAL", "2s");
        try (EmbeddedNebulaService nebula =
            EmbeddedNebulaService.start(dir.resolve("service"), settings)) {
          ScheduleDescription schedule = awaitSchedule(schedules, Duration.ofSeconds(2));
          ScheduleActionStartWorkflow action =
              (ScheduleActionStartWorkflow) schedule.getSchedule().getAction();
          assertThat(action.getWorkflowType()).isEqualTo("TufRefreshWorkflow");
          assertThat(action.getOptions().getTaskQueue()).isEqualTo(TaskQueues.SERVICE);

          long first = timestampVersion(nebula);
          await(
              "the schedule's runs to sign two more timestamps",
              () -> timestampVersion(nebula) >= first + 2,
              Duration.ofSeconds(60));
          assertThat(
                  schedules
                      .getHandle(TufRefreshSchedule.SCHEDULE_ID)
                      .describe()
                      .getInfo()
                      .getRecentActions())
              .as("the timestamps came from the schedule's workflow runs")
              .isNotEmpty();
          assertThat(
                  WorkflowClient.newInstance(
                          stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build())
                      .listExecutions("WorkflowType = 'TufRefreshWorkflow'")
                      .map(e -> e.getExecution().getWorkflowId())
                      .toList())
              .allSatisfy(id -> assertThat(id).startsWith(TufRefreshSchedule.WORKFLOW_ID));
        }
        // A restart with another interval updates the schedule instead of failing on it.
        Map<String, String> slower = new HashMap<>(settings);
        slower.put("NEBULA_TUF_REFRESH_INTERVAL", "3s");
        try (EmbeddedNebulaService again =
            EmbeddedNebulaService.start(dir.resolve("service"), slower)) {
          awaitSchedule(schedules, Duration.ofSeconds(3));
        }
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  @Test
  void whereTemporalHasNoSchedulesTheServiceRefreshesItself() throws Exception {
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0);
        EmbeddedNebulaService nebula =
            EmbeddedNebulaService.start(
                dir.resolve("service"),
                Map.of(
                    "NEBULA_TEMPORAL_TARGET", temporal.address(),
                    "NEBULA_TUF_TIMESTAMP_LIFETIME", "4s",
                    "NEBULA_TUF_REFRESH_INTERVAL", "1s"))) {
      long first = timestampVersion(nebula);
      await(
          "the in-process timer to sign two more timestamps",
          () -> timestampVersion(nebula) >= first + 2,
          Duration.ofSeconds(30));
    }
  }

  private static long timestampVersion(EmbeddedNebulaService nebula) {
    return nebula
        .services()
        .tuf()
        .metadata()
        .latest("timestamp")
        .map(TufMetadataRow::version)
        .orElse(0L);
  }

  /** The schedule once it runs every {@code every}. */
  private static ScheduleDescription awaitSchedule(ScheduleClient schedules, Duration every)
      throws InterruptedException {
    ScheduleDescription[] seen = new ScheduleDescription[1];
    await(
        "the schedule " + TufRefreshSchedule.SCHEDULE_ID + " every " + every,
        () -> {
          try {
            seen[0] = schedules.getHandle(TufRefreshSchedule.SCHEDULE_ID).describe();
            return seen[0].getSchedule().getSpec().getIntervals().stream()
                .map(ScheduleIntervalSpec::getEvery)
                .toList()
                .equals(List.of(every));
          } catch (RuntimeException notYet) {
            return false;
          }
        },
        Duration.ofSeconds(30));
    return seen[0];
  }

  private static void await(String what, Supplier<Boolean> done, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.get()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("waited " + within + " for " + what);
  }
}
