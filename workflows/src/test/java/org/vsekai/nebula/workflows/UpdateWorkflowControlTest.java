package org.vsekai.nebula.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.vsekai.nebula.workflows.WorkflowTestBed.BATCH_BYTES;
import static org.vsekai.nebula.workflows.WorkflowTestBed.CHUNKS_PER_BATCH;
import static org.vsekai.nebula.workflows.WorkflowTestBed.FROM;
import static org.vsekai.nebula.workflows.WorkflowTestBed.INSTALL_ID;
import static org.vsekai.nebula.workflows.WorkflowTestBed.PLAN_ID;
import static org.vsekai.nebula.workflows.WorkflowTestBed.TO;
import static org.vsekai.nebula.workflows.WorkflowTestBed.await;
import static org.vsekai.nebula.workflows.WorkflowTestBed.busyUntil;
import static org.vsekai.nebula.workflows.WorkflowTestBed.downloadUntilCancelled;
import static org.vsekai.nebula.workflows.WorkflowTestBed.fullBatch;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vsekai.nebula.workflows.activities.CheckResult;
import org.vsekai.nebula.workflows.activities.DiscardStagingRequest;
import org.vsekai.nebula.workflows.activities.DownloadBatchRequest;
import org.vsekai.nebula.workflows.activities.FinalizeResult;
import org.vsekai.nebula.workflows.client.UpdateHandle;

/** What a running update does when asked: status, pause, resume, cancel, a second trigger. */
@Timeout(60)
@Tag("integration")
class UpdateWorkflowControlTest {

  private WorkflowTestBed bed;
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void setUp() {
    bed = new WorkflowTestBed();
  }

  @AfterEach
  void tearDown() {
    release.countDown();
    bed.close();
  }

  @Test
  void statusMidwayReportsStateVersionsAndTheFinishedBatches() throws Exception {
    doAnswer(
            invocation -> {
              Thread.sleep(200); // real time passes on the test server's clock: a measurable rate
              return fullBatch(invocation.getArgument(0));
            })
        .doAnswer(downloadUntilCancelled(started, stopped))
        .when(bed.activities)
        .downloadChunks(any());
    UpdateHandle update = bed.start();
    await(started);

    UpdateStatus status = update.status();

    assertThat(status.state()).isEqualTo(UpdateState.DOWNLOADING_UPDATE);
    assertThat(status.fromVersion()).isEqualTo(FROM);
    assertThat(status.toVersion()).isEqualTo(TO);
    assertThat(status.paused()).isFalse();
    assertThat(status.cancellable()).isTrue();
    assertThat(status.failure()).isNull();
    UpdateProgress progress = status.progress();
    assertThat(progress.batchesDone()).isEqualTo(1);
    assertThat(progress.batchesTotal()).isEqualTo(3);
    assertThat(progress.bytesDone()).isEqualTo(BATCH_BYTES);
    assertThat(progress.bytesTotal()).isEqualTo(3 * BATCH_BYTES);
    assertThat(progress.chunksDone()).isEqualTo(CHUNKS_PER_BATCH);
    assertThat(progress.chunksTotal()).isEqualTo(3 * CHUNKS_PER_BATCH);
    assertThat(progress.filesDone()).isZero();
    assertThat(progress.filesTotal()).isEqualTo(3);
    assertThat(progress.bytesPerSecond())
        .isPositive()
        .isLessThanOrEqualTo(BATCH_BYTES * 1000 / 200);
    update.cancel();
    update.result();
  }

  @Test
  void liveStatusAddsTheRunningBatchsLastHeartbeat() throws Exception {
    doAnswer(invocation -> fullBatch(invocation.getArgument(0)))
        .doAnswer(downloadUntilCancelled(started, stopped))
        .when(bed.activities)
        .downloadChunks(any());
    UpdateHandle update = bed.start();
    await(started);

    long liveBytes = BATCH_BYTES;
    for (int poll = 0; poll < 200 && liveBytes <= BATCH_BYTES; poll++) {
      liveBytes = update.liveStatus().progress().bytesDone();
      Thread.sleep(20);
    }

    // Batch 0 finished, plus up to half of batch 1 from its heartbeat.
    assertThat(liveBytes)
        .isGreaterThan(BATCH_BYTES)
        .isLessThanOrEqualTo(BATCH_BYTES + BATCH_BYTES / 2);
    assertThat(update.status().progress().bytesDone()).isEqualTo(BATCH_BYTES);
    update.cancel();
    update.result();
  }

  @Test
  void pauseStopsTheRunningBatchAndResumeFetchesItAgain() throws Exception {
    doAnswer(downloadUntilCancelled(started, stopped))
        .doAnswer(invocation -> fullBatch(invocation.getArgument(0)))
        .when(bed.activities)
        .downloadChunks(any());
    UpdateHandle update = bed.start();
    await(started);

    update.pause();
    await(stopped);
    bed.env.sleep(Duration.ofHours(6));

    UpdateStatus paused = update.status();
    assertThat(paused.paused()).isTrue();
    assertThat(paused.state()).isEqualTo(UpdateState.DOWNLOADING_UPDATE);
    assertThat(paused.progress().batchesDone()).isZero();
    verify(bed.activities, times(1)).downloadChunks(any());

    update.resume();
    UpdateResult result = update.result();

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.UPDATED);
    verify(bed.activities, times(2)).downloadChunks(new DownloadBatchRequest(PLAN_ID, 0, 3, 0));
    verify(bed.activities, times(4)).downloadChunks(any());
    verify(bed.activities, never()).discardStaging(any());
  }

  @Test
  void aPauseDuringCheckingHoldsTheUpdateBeforeItsNextStep() throws Exception {
    doAnswer(busyUntil(started, release, invocation -> new CheckResult(FROM, TO)))
        .when(bed.activities)
        .check(any());
    UpdateHandle update = bed.start();
    await(started);

    update.pause();
    release.countDown();
    bed.env.sleep(Duration.ofDays(2));

    verify(bed.activities).check(any());
    verify(bed.activities, never()).prepare(any());
    assertThat(update.status().state()).isEqualTo(UpdateState.UPDATE_AVAILABLE);
    assertThat(update.status().paused()).isTrue();

    update.resume();
    assertThat(update.result().outcome()).isEqualTo(UpdateOutcome.UPDATED);
  }

  @Test
  void cancelDuringTheDownloadDropsStagingAndNeverFinalizes() throws Exception {
    doAnswer(downloadUntilCancelled(started, stopped)).when(bed.activities).downloadChunks(any());
    UpdateHandle update = bed.start();
    await(started);

    update.cancel();
    UpdateResult result = update.result();

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.CANCELLED);
    assertThat(stopped.getCount()).as("the running batch was stopped").isZero();
    verify(bed.activities).discardStaging(new DiscardStagingRequest(INSTALL_ID, PLAN_ID));
    verify(bed.activities, never()).apply(any());
    verify(bed.activities, never()).finalizeUpdate(any());
    verify(bed.activities, never()).updateRegistry(any());
    assertThat(bed.searchAttribute(update, NebulaSearchAttributes.UPDATE_STATE))
        .isEqualTo("UpdateCancelled");
    UpdateStatus status = update.status();
    assertThat(status.cancelRequested()).isTrue();
    assertThat(status.cancellable()).isFalse();
    assertThat(bed.lastRecord().state()).isEqualTo(UpdateState.UPDATE_CANCELLED);
  }

  @Test
  void cancelWhilePausedBeforePreparingHasNoStagingToDrop() throws Exception {
    doAnswer(busyUntil(started, release, invocation -> new CheckResult(FROM, TO)))
        .when(bed.activities)
        .check(any());
    UpdateHandle update = bed.start();
    await(started);
    update.pause();
    release.countDown();
    bed.env.sleep(Duration.ofMinutes(5));

    update.cancel();

    assertThat(update.result().outcome()).isEqualTo(UpdateOutcome.CANCELLED);
    verify(bed.activities, never()).prepare(any());
    verify(bed.activities, never()).discardStaging(any());
  }

  @Test
  void cancelOnceFinalizingHasBegunIsIgnoredAndTheUpdateRollsForward() throws Exception {
    doAnswer(busyUntil(started, release, invocation -> new FinalizeResult(3, 1)))
        .when(bed.activities)
        .finalizeUpdate(any());
    UpdateHandle update = bed.start();
    await(started);

    update.cancel();
    update.pause();
    UpdateStatus status = update.status();
    release.countDown();

    assertThat(status.state()).isEqualTo(UpdateState.FINALIZING_UPDATE);
    assertThat(status.cancellable()).isFalse();
    assertThat(status.cancelRequested()).isFalse();
    assertThat(status.paused()).isFalse();
    assertThat(update.result().outcome()).isEqualTo(UpdateOutcome.UPDATED);
    verify(bed.activities).updateRegistry(any());
    verify(bed.activities, never()).discardStaging(any());
  }

  @Test
  void aTemporalCancellationBeforeFinalizingDropsStagingAndEndsCancelled() throws Exception {
    doAnswer(downloadUntilCancelled(started, stopped)).when(bed.activities).downloadChunks(any());
    UpdateHandle update = bed.start();
    await(started);

    untyped(update).cancel();

    WorkflowFailedException ended =
        catchThrowableOfType(WorkflowFailedException.class, update::result);
    assertThat(ended.getCause()).isInstanceOf(CanceledFailure.class);
    assertThat(untyped(update).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
    verify(bed.activities).discardStaging(new DiscardStagingRequest(INSTALL_ID, PLAN_ID));
    verify(bed.activities, never()).finalizeUpdate(any());
  }

  @Test
  void aTemporalCancellationDuringFinalizingStillRollsForward() throws Exception {
    doAnswer(busyUntil(started, release, invocation -> new FinalizeResult(3, 1)))
        .when(bed.activities)
        .finalizeUpdate(any());
    UpdateHandle update = bed.start();
    await(started);

    untyped(update).cancel();
    release.countDown();

    // The Java SDK closes every workflow whose cancellation was requested as Canceled, even one
    // that returns normally; what happened to the install is in the state and the record.
    WorkflowFailedException ended =
        catchThrowableOfType(WorkflowFailedException.class, update::result);
    assertThat(ended.getCause()).isInstanceOf(CanceledFailure.class);
    verify(bed.activities).updateRegistry(any());
    verify(bed.activities, never()).discardStaging(any());
    assertThat(update.status().state()).isEqualTo(UpdateState.UPDATE_SUCCESSFUL);
    assertThat(bed.searchAttribute(update, NebulaSearchAttributes.UPDATE_STATE))
        .isEqualTo("UpdateSuccessful");
    assertThat(bed.lastRecord().state()).isEqualTo(UpdateState.UPDATE_SUCCESSFUL);
  }

  @Test
  void aSecondTriggerAttachesToTheRunningUpdate() throws Exception {
    doAnswer(busyUntil(started, release, invocation -> new CheckResult(FROM, TO)))
        .when(bed.activities)
        .check(any());
    UpdateHandle first = bed.start();
    await(started);

    UpdateHandle second =
        bed.starter()
            .startOrAttach(
                UpdateRequest.latest(INSTALL_ID, "v-sekai", "stable", UpdateTrigger.ROLLOUT));
    release.countDown();

    assertThat(first.attached()).isFalse();
    assertThat(second.attached()).isTrue();
    assertThat(second.workflowId()).isEqualTo(first.workflowId());
    assertThat(second.runId()).isEqualTo(first.runId());
    assertThat(second.result()).isEqualTo(first.result());
    verify(bed.activities, times(1)).check(any());

    UpdateHandle afterwards = bed.start();
    assertThat(afterwards.attached()).isFalse();
    assertThat(afterwards.runId()).isNotEqualTo(first.runId());
    assertThat(afterwards.result().outcome()).isEqualTo(UpdateOutcome.UPDATED);
  }

  @Test
  void theLatestUpdateCanBeFollowedWithoutItsRunId() {
    when(bed.activities.check(any())).thenReturn(new CheckResult(TO, TO));
    bed.start().result();
    when(bed.activities.check(any())).thenReturn(new CheckResult(FROM, TO));
    UpdateHandle newest = bed.start();

    UpdateHandle latest = bed.starter().latest(INSTALL_ID);

    assertThat(latest.runId()).isEmpty();
    assertThat(latest.result()).isEqualTo(newest.result());
    assertThat(latest.status().state()).isEqualTo(UpdateState.UPDATE_SUCCESSFUL);
  }

  @Test
  void anUpdateWaitingForItsWorkerCanAlreadyBeFoundByInstall() {
    UpdateHandle update =
        bed.starter()
            .startOrAttach(
                UpdateRequest.latest("offline-install", "v-sekai", "beta", UpdateTrigger.ROLLOUT));

    assertThat(bed.searchAttribute(update, NebulaSearchAttributes.INSTALL_ID))
        .isEqualTo("offline-install");
    assertThat(bed.searchAttribute(update, NebulaSearchAttributes.MODE)).isEqualTo("beta");
    // Idle from its start, Checking once the service's worker ran it; the check waits either way.
    assertThat(bed.searchAttribute(update, NebulaSearchAttributes.UPDATE_STATE))
        .isIn("Idle", "Checking");
  }

  private WorkflowStub untyped(UpdateHandle update) {
    return bed.untyped(update);
  }
}
