package org.vsekai.nebula.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.vsekai.nebula.workflows.WorkflowTestBed.FROM;
import static org.vsekai.nebula.workflows.WorkflowTestBed.INSTALL_ID;
import static org.vsekai.nebula.workflows.WorkflowTestBed.MODE;
import static org.vsekai.nebula.workflows.WorkflowTestBed.PRODUCT;
import static org.vsekai.nebula.workflows.WorkflowTestBed.TO;
import static org.vsekai.nebula.workflows.WorkflowTestBed.await;
import static org.vsekai.nebula.workflows.WorkflowTestBed.busyUntil;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vsekai.nebula.workflows.activities.CheckRequest;
import org.vsekai.nebula.workflows.activities.CheckResult;
import org.vsekai.nebula.workflows.client.UpdateHandle;

/** An install's launcher: periodic checks, updateNow, one update at a time, continue-as-new. */
@Timeout(90)
@Tag("integration")
class LauncherWorkflowTest {

  private static final Duration HOURLY = Duration.ofHours(1);
  private static final long REAL_WAIT_MILLIS = 10_000;

  private WorkflowTestBed bed;
  private LauncherWorkflow launcher;
  private String firstRunId;
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void setUp() {
    bed = new WorkflowTestBed();
    // Most checks find nothing: the launcher's quiet life.
    when(bed.activities.check(any())).thenReturn(new CheckResult(TO, TO));
  }

  @AfterEach
  void tearDown() {
    release.countDown();
    bed.close();
  }

  private void startLauncher(Duration checkInterval) {
    launcher =
        bed.client.newWorkflowStub(
            LauncherWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.launcher(INSTALL_ID))
                .setTaskQueue(TaskQueues.SERVICE)
                .build());
    LauncherConfig config =
        new LauncherConfig(INSTALL_ID, PRODUCT, MODE, checkInterval, false, 0, null, null);
    firstRunId = WorkflowClient.start(launcher::run, LauncherInput.start(config)).getRunId();
  }

  private LauncherStatus awaitStatus(Predicate<LauncherStatus> wanted) throws InterruptedException {
    long deadline = System.currentTimeMillis() + REAL_WAIT_MILLIS;
    LauncherStatus status = launcher.status();
    while (!wanted.test(status)) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("launcher never reached the wanted status; last: " + status);
      }
      Thread.sleep(20);
      status = launcher.status();
    }
    return status;
  }

  @Test
  void checksAtOnceThenEveryInterval() throws Exception {
    Instant begin = Instant.ofEpochMilli(bed.env.currentTimeMillis());
    startLauncher(HOURLY);

    bed.env.sleep(Duration.ofMinutes(30));
    verify(bed.activities, timeout(REAL_WAIT_MILLIS).times(1)).check(any());
    LauncherStatus idle = awaitStatus(s -> s.updatesRun() == 1);
    assertThat(idle.state()).isEqualTo(LauncherState.IDLE);
    assertThat(idle.lastResult().outcome()).isEqualTo(UpdateOutcome.NO_UPDATE);
    assertThat(idle.nextCheckAt()).isBetween(begin.plus(HOURLY), begin.plus(HOURLY).plusSeconds(5));

    bed.env.sleep(HOURLY);
    verify(bed.activities, timeout(REAL_WAIT_MILLIS).times(2)).check(any());
    bed.env.sleep(HOURLY.multipliedBy(2));
    verify(bed.activities, timeout(REAL_WAIT_MILLIS).times(4)).check(any());
    awaitStatus(s -> s.updatesRun() == 4);
    verify(bed.activities, times(4)).check(new CheckRequest(INSTALL_ID, PRODUCT, MODE, null, null));
  }

  @Test
  void aManualOnlyInstallUpdatesOnlyWhenAsked() throws Exception {
    startLauncher(null);

    bed.env.sleep(Duration.ofDays(10));
    verify(bed.activities, never()).check(any());
    assertThat(launcher.status().nextCheckAt()).isNull();

    when(bed.activities.check(any())).thenReturn(new CheckResult(FROM, TO));
    launcher.updateNow(UpdateNowRequest.manual());

    LauncherStatus status = awaitStatus(s -> s.updatesRun() == 1);
    assertThat(status.state()).isEqualTo(LauncherState.IDLE);
    assertThat(status.lastResult().outcome()).isEqualTo(UpdateOutcome.UPDATED);
    assertThat(status.lastResult().toVersion()).isEqualTo(TO);
    verify(bed.activities).finalizeUpdate(any());
  }

  @Test
  void updateNowCarriesARolloutsVersionToTheUpdate() throws Exception {
    startLauncher(null);

    launcher.updateNow(new UpdateNowRequest(UpdateTrigger.ROLLOUT, TO, "rollout-3"));

    awaitStatus(s -> s.updatesRun() == 1);
    verify(bed.activities).check(new CheckRequest(INSTALL_ID, PRODUCT, MODE, TO, "rollout-3"));
  }

  @Test
  void aFailedUpdateIsRememberedAndTheNextCheckTriesAgain() throws Exception {
    doThrow(
            ApplicationFailure.newNonRetryableFailure(
                "signature does not verify", UpdateFailures.BAD_SIGNATURE))
        .doReturn(WorkflowTestBed.PLAN)
        .when(bed.activities)
        .prepare(any());
    when(bed.activities.check(any())).thenReturn(new CheckResult(FROM, TO));
    startLauncher(HOURLY);

    LauncherStatus failed = awaitStatus(s -> s.updatesRun() == 1);
    assertThat(failed.lastResult()).isNull();
    assertThat(failed.lastFailure())
        .contains("failed in PreparingUpdate: signature does not verify");

    bed.env.sleep(HOURLY);
    LauncherStatus healed = awaitStatus(s -> s.updatesRun() == 2);
    assertThat(healed.lastFailure()).isNull();
    assertThat(healed.lastResult().outcome()).isEqualTo(UpdateOutcome.UPDATED);
  }

  @Test
  void updateNowDuringAnUpdateIsAbsorbedByIt() throws Exception {
    doAnswer(busyUntil(started, release, invocation -> new CheckResult(TO, TO)))
        .doReturn(new CheckResult(TO, TO))
        .when(bed.activities)
        .check(any());
    startLauncher(null);
    launcher.updateNow(UpdateNowRequest.manual());
    await(started);

    launcher.updateNow(UpdateNowRequest.manual());
    assertThat(launcher.status().state()).isEqualTo(LauncherState.UPDATING);
    release.countDown();
    awaitStatus(s -> s.updatesRun() == 1);
    bed.env.sleep(Duration.ofDays(1));

    verify(bed.activities, times(1)).check(any());
    assertThat(launcher.status().state()).isEqualTo(LauncherState.IDLE);
  }

  @Test
  void theLauncherWaitsForAnUpdateStartedElsewhereThenRunsItsOwn() throws Exception {
    doAnswer(busyUntil(started, release, invocation -> new CheckResult(FROM, TO)))
        .doReturn(new CheckResult(TO, TO))
        .when(bed.activities)
        .check(any());
    UpdateHandle fromTheCli = bed.start();
    await(started);
    startLauncher(null);

    launcher.updateNow(UpdateNowRequest.manual());
    awaitStatus(s -> s.state() == LauncherState.AWAITING_RUNNING_UPDATE);
    release.countDown();
    assertThat(fromTheCli.result().outcome()).isEqualTo(UpdateOutcome.UPDATED);

    bed.env.sleep(LauncherWorkflowImpl.RUNNING_UPDATE_RECHECK_INTERVAL.multipliedBy(2));
    LauncherStatus status = awaitStatus(s -> s.updatesRun() == 1);
    assertThat(status.state()).isEqualTo(LauncherState.IDLE);
    assertThat(status.lastResult().outcome()).isEqualTo(UpdateOutcome.NO_UPDATE);
    verify(bed.activities, times(2)).check(any());
    verify(bed.activities, times(1)).finalizeUpdate(any());
  }

  @Test
  void theLauncherContinuesAsNewKeepingItsScheduleAndMemory() throws Exception {
    startLauncher(HOURLY);

    // Checks at 0 h, 1 h, ... 45 h: enough cycles to pass one run's event budget.
    bed.env.sleep(Duration.ofMinutes(45 * 60 + 30));
    verify(bed.activities, timeout(REAL_WAIT_MILLIS).times(46)).check(any());
    LauncherStatus status = awaitStatus(s -> s.updatesRun() == 46);

    String latestRunId =
        bed.client
            .newUntypedWorkflowStub(WorkflowIds.launcher(INSTALL_ID))
            .describe()
            .getExecution()
            .getRunId();
    assertThat(latestRunId).isNotEqualTo(firstRunId);
    List<HistoryEvent> firstRun = bed.history(WorkflowIds.launcher(INSTALL_ID), firstRunId);
    assertThat(firstRun.get(firstRun.size() - 1).getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    assertThat(firstRun.size())
        .isBetween(
            LauncherWorkflowImpl.HISTORY_EVENTS_PER_RUN,
            LauncherWorkflowImpl.HISTORY_EVENTS_PER_RUN + 20);
    assertThat(bed.history(WorkflowIds.launcher(INSTALL_ID), latestRunId))
        .hasSizeLessThan(LauncherWorkflowImpl.HISTORY_EVENTS_PER_RUN);
    assertThat(status.state()).isEqualTo(LauncherState.IDLE);
    assertThat(status.lastResult().outcome()).isEqualTo(UpdateOutcome.NO_UPDATE);
    // Not one more: continuing as new must neither check at once nor skip a beat.
    verify(bed.activities, times(46)).check(any());
  }
}
