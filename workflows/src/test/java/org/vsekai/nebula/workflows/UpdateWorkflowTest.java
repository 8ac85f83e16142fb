package org.vsekai.nebula.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.vsekai.nebula.workflows.WorkflowTestBed.BATCH_BYTES;
import static org.vsekai.nebula.workflows.WorkflowTestBed.CHUNKS_PER_BATCH;
import static org.vsekai.nebula.workflows.WorkflowTestBed.FROM;
import static org.vsekai.nebula.workflows.WorkflowTestBed.INSTALL_ID;
import static org.vsekai.nebula.workflows.WorkflowTestBed.MODE;
import static org.vsekai.nebula.workflows.WorkflowTestBed.PLAN;
import static org.vsekai.nebula.workflows.WorkflowTestBed.PLAN_ID;
import static org.vsekai.nebula.workflows.WorkflowTestBed.PROCESS_ID;
import static org.vsekai.nebula.workflows.WorkflowTestBed.PRODUCT;
import static org.vsekai.nebula.workflows.WorkflowTestBed.TO;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.InOrder;
import org.vsekai.nebula.workflows.activities.ApplyRequest;
import org.vsekai.nebula.workflows.activities.CheckRequest;
import org.vsekai.nebula.workflows.activities.CheckResult;
import org.vsekai.nebula.workflows.activities.DownloadBatchRequest;
import org.vsekai.nebula.workflows.activities.FinalizeRequest;
import org.vsekai.nebula.workflows.activities.PrepareRequest;
import org.vsekai.nebula.workflows.activities.RegistryRequest;
import org.vsekai.nebula.workflows.activities.UpdatePlan;
import org.vsekai.nebula.workflows.activities.UpdateRecord;
import org.vsekai.nebula.workflows.client.UpdateHandle;

/** The paths of an update that end without failing: no update, an update, first install. */
@Timeout(60)
@Tag("integration")
class UpdateWorkflowTest {

  private WorkflowTestBed bed;

  @BeforeEach
  void setUp() {
    bed = new WorkflowTestBed();
  }

  @AfterEach
  void tearDown() {
    bed.close();
  }

  @Test
  void anUpdateRunsEveryStepInTheSeedsOrderAndReportsWhatItMoved() {
    UpdateHandle update = bed.start();

    UpdateResult result = update.result();

    assertThat(result)
        .isEqualTo(
            new UpdateResult(
                UpdateOutcome.UPDATED,
                INSTALL_ID,
                FROM,
                TO,
                3 * BATCH_BYTES,
                3 * BATCH_BYTES,
                3 * CHUNKS_PER_BATCH,
                3));
    InOrder steps = inOrder(bed.activities);
    steps.verify(bed.activities).check(new CheckRequest(INSTALL_ID, PRODUCT, MODE, null, null));
    steps
        .verify(bed.activities)
        .prepare(new PrepareRequest(INSTALL_ID, PRODUCT, MODE, FROM, TO, false));
    for (int batch = 0; batch < 3; batch++) {
      steps.verify(bed.activities).downloadChunks(new DownloadBatchRequest(PLAN_ID, batch, 3, 0));
    }
    steps.verify(bed.activities).apply(new ApplyRequest(PLAN_ID));
    steps.verify(bed.activities).finalizeUpdate(new FinalizeRequest(PLAN_ID, TO));
    steps.verify(bed.activities).updateRegistry(new RegistryRequest(INSTALL_ID, PRODUCT, MODE, TO));
    verify(bed.activities, never()).discardStaging(any());
  }

  @Test
  void anUpdateLeavesEverySearchAttributeSetForSupportStaff() {
    UpdateHandle update = bed.start();
    update.result();

    assertThat(bed.searchAttribute(update, NebulaSearchAttributes.INSTALL_ID))
        .isEqualTo(INSTALL_ID);
    assertThat(bed.searchAttribute(update, NebulaSearchAttributes.PRODUCT)).isEqualTo(PRODUCT);
    assertThat(bed.searchAttribute(update, NebulaSearchAttributes.MODE)).isEqualTo(MODE);
    assertThat(bed.searchAttribute(update, NebulaSearchAttributes.FROM_VERSION)).isEqualTo(FROM);
    assertThat(bed.searchAttribute(update, NebulaSearchAttributes.TO_VERSION)).isEqualTo(TO);
    assertThat(bed.searchAttribute(update, NebulaSearchAttributes.UPDATE_STATE))
        .isEqualTo("UpdateSuccessful");
  }

  @Test
  void theStateSearchAttributeIsUpsertedAtEveryTransitionOfTheSeedsDiagram() {
    UpdateHandle update = bed.start();
    update.result();

    List<String> states =
        bed.history(update.workflowId(), update.runId()).stream()
            .filter(e -> e.hasUpsertWorkflowSearchAttributesEventAttributes())
            .map(
                e ->
                    e.getUpsertWorkflowSearchAttributesEventAttributes()
                        .getSearchAttributes()
                        .getIndexedFieldsMap()
                        .get("UpdateState")
                        .getData()
                        .toStringUtf8())
            .toList();
    assertThat(states)
        .containsExactly(
            "\"Checking\"",
            "\"UpdateAvailable\"",
            "\"PreparingUpdate\"",
            "\"DownloadingUpdate\"",
            "\"ApplyingUpdate\"",
            "\"FinalizingUpdate\"",
            "\"UpdateSuccessful\"");
  }

  @Test
  void theServiceRecordsTheUpdateWhenFoundAndWhenDone() {
    UpdateHandle update = bed.start();
    update.result();

    List<UpdateRecord> records = bed.records();
    UpdateRecord first = records.get(0);
    UpdateRecord last = records.get(1);
    assertThat(first.updateProcessId()).isNull();
    assertThat(first.state()).isEqualTo(UpdateState.UPDATE_AVAILABLE);
    assertThat(first.fromVersion()).isEqualTo(FROM);
    assertThat(first.toVersion()).isEqualTo(TO);
    assertThat(first.workflowId()).isEqualTo(update.workflowId());
    assertThat(first.runId()).isEqualTo(update.runId());
    assertThat(first.trigger()).isEqualTo(UpdateTrigger.MANUAL);
    assertThat(last.updateProcessId()).isEqualTo(PROCESS_ID);
    assertThat(last.state()).isEqualTo(UpdateState.UPDATE_SUCCESSFUL);
    assertThat(last.failureType()).isNull();
    assertThat(last.bytesDownloaded()).isEqualTo(3 * BATCH_BYTES);
    assertThat(last.bytesNeeded()).isEqualTo(3 * BATCH_BYTES);
    assertThat(last.filesChanged()).isEqualTo(3);
  }

  @Test
  void noUpdateWhenTheInstalledVersionIsTheHighest() {
    when(bed.activities.check(any())).thenReturn(new CheckResult(TO, TO));
    UpdateHandle update = bed.start();

    UpdateResult result = update.result();

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.NO_UPDATE);
    assertThat(result.fromVersion()).isEqualTo(TO);
    assertThat(result.toVersion()).isNull();
    verify(bed.activities, never()).prepare(any());
    verify(bed.recorder, never()).record(any());
    assertThat(update.status().state()).isEqualTo(UpdateState.NO_UPDATE_FOUND);
    assertThat(bed.searchAttribute(update, NebulaSearchAttributes.UPDATE_STATE))
        .isEqualTo("NoUpdateFound");
    assertThat(bed.searchAttribute(update, NebulaSearchAttributes.FROM_VERSION)).isEqualTo(TO);
    assertThat(bed.searchAttribute(update, NebulaSearchAttributes.TO_VERSION)).isNull();
  }

  @Test
  void noUpdateWhenTheModeHasNoRelease() {
    when(bed.activities.check(any())).thenReturn(new CheckResult(FROM, null));

    assertThat(bed.start().result().outcome()).isEqualTo(UpdateOutcome.NO_UPDATE);
    verify(bed.activities, never()).prepare(any());
  }

  @Test
  void aSameVersionWithOtherBuildMetadataIsNoUpdate() {
    when(bed.activities.check(any())).thenReturn(new CheckResult("0.2.0+build.1", "0.2.0+build.2"));

    assertThat(bed.start().result().outcome()).isEqualTo(UpdateOutcome.NO_UPDATE);
  }

  @Test
  void aLowerVersionIsNoUpdateUnlessDowngradesAreAllowed() {
    when(bed.activities.check(any())).thenReturn(new CheckResult(TO, FROM));

    assertThat(bed.start().result().outcome()).isEqualTo(UpdateOutcome.NO_UPDATE);

    when(bed.activities.prepare(any()))
        .thenReturn(new UpdatePlan(PLAN_ID, FROM, 3, 40, 1, 300, 3 * BATCH_BYTES, 5 * BATCH_BYTES));
    UpdateRequest downgrade =
        new UpdateRequest(
            INSTALL_ID, PRODUCT, MODE, null, true, 0, UpdateTrigger.MANUAL, null, null, null);
    UpdateResult result = bed.starter().startOrAttach(downgrade).result();

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.UPDATED);
    assertThat(result.toVersion()).isEqualTo(FROM);
    verify(bed.activities).prepare(new PrepareRequest(INSTALL_ID, PRODUCT, MODE, TO, FROM, true));
  }

  @Test
  void anEmptyFolderIsAFirstInstall() {
    when(bed.activities.check(any())).thenReturn(new CheckResult(null, TO));
    UpdateHandle update = bed.start();

    UpdateResult result = update.result();

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.UPDATED);
    assertThat(result.fromVersion()).isNull();
    verify(bed.activities).prepare(new PrepareRequest(INSTALL_ID, PRODUCT, MODE, null, TO, false));
    assertThat(bed.searchAttribute(update, NebulaSearchAttributes.FROM_VERSION)).isNull();
  }

  @Test
  void aPlanWithNothingMissingDownloadsNothingButStillPassesThroughDownloading() {
    when(bed.activities.prepare(any()))
        .thenReturn(new UpdatePlan(PLAN_ID, TO, 2, 40, 0, 0, 0, 2 * BATCH_BYTES));

    UpdateResult result = bed.start().result();

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.UPDATED);
    assertThat(result.bytesDownloaded()).isZero();
    verify(bed.activities, never()).downloadChunks(any());
    verify(bed.activities).apply(new ApplyRequest(PLAN_ID));
  }

  @Test
  void aRolloutsPinnedVersionAndCapReachTheActivities() {
    UpdateRequest rollout =
        new UpdateRequest(
            INSTALL_ID,
            PRODUCT,
            MODE,
            TO,
            false,
            1_000_000,
            UpdateTrigger.ROLLOUT,
            "rollout-9",
            null,
            null);

    bed.starter().startOrAttach(rollout).result();

    verify(bed.activities).check(new CheckRequest(INSTALL_ID, PRODUCT, MODE, TO, "rollout-9"));
    verify(bed.activities).downloadChunks(new DownloadBatchRequest(PLAN_ID, 0, 3, 1_000_000));
    UpdateRecord last = bed.lastRecord();
    assertThat(last.rolloutId()).isEqualTo("rollout-9");
    assertThat(last.trigger()).isEqualTo(UpdateTrigger.ROLLOUT);
  }

  @Test
  void aServiceThatCannotRecordDoesNotChangeTheOutcome() {
    when(bed.recorder.record(any())).thenThrow(new IllegalStateException("database down"));

    UpdateResult result = bed.start().result();

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.UPDATED);
    verify(bed.activities).finalizeUpdate(any());
  }

  @Test
  void thePlanIsSplitIntoBatchesNotChunks() {
    assertThat(PLAN.chunksToDownload()).isEqualTo(300);

    bed.start().result();

    verify(bed.activities, times(3)).downloadChunks(any());
  }
}
