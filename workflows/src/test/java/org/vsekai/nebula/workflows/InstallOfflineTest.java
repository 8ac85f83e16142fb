package org.vsekai.nebula.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.workflows.client.UpdateHandle;

/**
 * Workflows run on the service whether or not a player's machine is online, so an absent install
 * must cost little and end cleanly: a periodic check no worker takes ends the update {@code
 * INSTALL_OFFLINE} (nothing recorded) and ends the launcher; an update someone asked for waits for
 * the worker. The test server does not skip time while an activity waits in a queue, so the waits
 * here are short and real.
 */
@Tag("integration")
class InstallOfflineTest {
  /** An install no worker serves in this test bed. */
  private static final String OFFLINE = "5a1e0ff1-0000-4000-8000-00000000000f";

  private static final Duration SHORT_WAIT = Duration.ofSeconds(2);

  private final WorkflowTestBed bed = new WorkflowTestBed();

  @AfterEach
  void tearDown() {
    bed.close();
  }

  @Test
  void aCheckNoWorkerTakesEndsTheUpdateOfflineAndRecordsNothing() {
    UpdateHandle update =
        bed.starter()
            .startOrAttach(
                new UpdateRequest(
                    OFFLINE,
                    WorkflowTestBed.PRODUCT,
                    WorkflowTestBed.MODE,
                    null,
                    false,
                    0,
                    UpdateTrigger.SCHEDULED,
                    null,
                    SHORT_WAIT,
                    null));

    UpdateResult result = update.result();

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.INSTALL_OFFLINE);
    assertThat(bed.searchAttribute(update, NebulaSearchAttributes.UPDATE_STATE))
        .isEqualTo(UpdateState.IDLE.label());
    verify(bed.recorder, never()).record(any());
  }

  @Test
  void anUpdateSomeoneAskedForWaitsForTheOfflineInstall() throws InterruptedException {
    UpdateHandle update =
        bed.starter()
            .startOrAttach(
                UpdateRequest.latest(
                    OFFLINE, WorkflowTestBed.PRODUCT, WorkflowTestBed.MODE, UpdateTrigger.ROLLOUT));

    Thread.sleep(SHORT_WAIT.toMillis() * 2);

    assertThat(bed.untyped(update).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(update.status().state()).isEqualTo(UpdateState.CHECKING);
    assertThat(
            UpdateActivityPolicies.check(
                    UpdateRequest.latest(OFFLINE, "p", "m", UpdateTrigger.ROLLOUT))
                .getScheduleToStartTimeout())
        .isEqualTo(UpdateActivityPolicies.REQUESTED_CHECK_WAIT);
    verify(bed.recorder, never()).record(any());
  }

  @Test
  void aLauncherWhosePeriodicCheckFindsTheInstallOfflineEnds() {
    LauncherWorkflow launcher =
        bed.client.newWorkflowStub(
            LauncherWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.launcher(OFFLINE))
                .setTaskQueue(TaskQueues.SERVICE)
                .build());
    WorkflowClient.start(
        launcher::run,
        LauncherInput.start(
            new LauncherConfig(
                OFFLINE,
                WorkflowTestBed.PRODUCT,
                WorkflowTestBed.MODE,
                Duration.ofHours(1),
                false,
                0,
                SHORT_WAIT,
                null)));

    WorkflowStub.fromTyped(launcher).getResult(Void.class);

    assertThat(launcher.status().state()).isEqualTo(LauncherState.OFFLINE);
    assertThat(launcher.status().lastResult().outcome()).isEqualTo(UpdateOutcome.INSTALL_OFFLINE);
  }

  @Test
  void aLauncherWhoseInstallIsOnlineKeepsRunning() throws InterruptedException {
    LauncherWorkflow launcher =
        bed.client.newWorkflowStub(
            LauncherWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.launcher(WorkflowTestBed.INSTALL_ID))
                .setTaskQueue(TaskQueues.SERVICE)
                .build());
    WorkflowClient.start(
        launcher::run,
        LauncherInput.start(
            new LauncherConfig(
                WorkflowTestBed.INSTALL_ID,
                WorkflowTestBed.PRODUCT,
                WorkflowTestBed.MODE,
                Duration.ofHours(1),
                false,
                0,
                SHORT_WAIT,
                null)));
    for (int i = 0; i < 100 && launcher.status().updatesRun() < 1; i++) {
      Thread.sleep(100);
    }

    assertThat(launcher.status().updatesRun()).isEqualTo(1);
    assertThat(launcher.status().state()).isNotEqualTo(LauncherState.OFFLINE);
    assertThat(WorkflowStub.fromTyped(launcher).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }
}
