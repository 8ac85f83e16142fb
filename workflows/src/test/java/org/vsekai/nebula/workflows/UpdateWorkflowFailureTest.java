package org.vsekai.nebula.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.vsekai.nebula.workflows.WorkflowTestBed.FROM;
import static org.vsekai.nebula.workflows.WorkflowTestBed.INSTALL_ID;
import static org.vsekai.nebula.workflows.WorkflowTestBed.PLAN;
import static org.vsekai.nebula.workflows.WorkflowTestBed.PLAN_ID;
import static org.vsekai.nebula.workflows.WorkflowTestBed.PROCESS_ID;
import static org.vsekai.nebula.workflows.WorkflowTestBed.TO;

import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.stubbing.Answer;
import org.vsekai.nebula.workflows.activities.ApplyResult;
import org.vsekai.nebula.workflows.activities.CheckResult;
import org.vsekai.nebula.workflows.activities.DiscardStagingRequest;
import org.vsekai.nebula.workflows.activities.FinalizeResult;
import org.vsekai.nebula.workflows.activities.RegistryResult;
import org.vsekai.nebula.workflows.activities.UpdateActivities;
import org.vsekai.nebula.workflows.activities.UpdateRecord;
import org.vsekai.nebula.workflows.client.UpdateHandle;

/**
 * Failures: retried ones that heal, non-retryable ones that end the update, retries running out.
 */
@Timeout(60)
@Tag("integration")
class UpdateWorkflowFailureTest {

  private WorkflowTestBed bed;

  @BeforeEach
  void setUp() {
    bed = new WorkflowTestBed();
  }

  @AfterEach
  void tearDown() {
    bed.close();
  }

  /** Each activity: how to call it on the mock, and the answer it gives when it works. */
  static Stream<Arguments> everyStep() {
    return Stream.of(
        step("check", a -> a.check(any()), i -> new CheckResult(FROM, TO)),
        step("prepare", a -> a.prepare(any()), i -> PLAN),
        step(
            "downloadChunks",
            a -> a.downloadChunks(any()),
            i -> WorkflowTestBed.fullBatch(i.getArgument(0))),
        step("apply", a -> a.apply(any()), i -> new ApplyResult(3, 1)),
        step("finalizeUpdate", a -> a.finalizeUpdate(any()), i -> new FinalizeResult(3, 1)),
        step("updateRegistry", a -> a.updateRegistry(any()), i -> new RegistryResult(4)));
  }

  private static Arguments step(
      String name, Consumer<UpdateActivities> call, Answer<Object> works) {
    return Arguments.of(name, call, works);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyStep")
  void aFailedAttemptOfAnyStepIsRetriedAndTheUpdateCompletes(
      String name, Consumer<UpdateActivities> call, Answer<Object> works) {
    call.accept(
        doThrow(new IllegalStateException(name + " lost its connection"))
            .doAnswer(works)
            .when(bed.activities));

    UpdateResult result = bed.start().result();

    assertThat(result.outcome()).isEqualTo(UpdateOutcome.UPDATED);
    int expectedCalls = name.equals("downloadChunks") ? 4 : 2; // three batches, the first twice
    call.accept(verify(bed.activities, times(expectedCalls)));
    verify(bed.activities, never()).discardStaging(any());
  }

  /** A non-retryable failure type, and the step that throws it. */
  static Stream<Arguments> nonRetryableFailures() {
    Consumer<UpdateActivities> check = a -> a.check(any());
    Consumer<UpdateActivities> prepare = a -> a.prepare(any());
    Consumer<UpdateActivities> download = a -> a.downloadChunks(any());
    Consumer<UpdateActivities> apply = a -> a.apply(any());
    return Stream.of(
        Arguments.of(UpdateFailures.UNKNOWN_RELEASE, "Checking", check),
        Arguments.of(UpdateFailures.INVALID_INSTALL, "PreparingUpdate", prepare),
        Arguments.of(UpdateFailures.MALFORMED_MANIFEST, "PreparingUpdate", prepare),
        Arguments.of(UpdateFailures.UNTRUSTED_KEY, "PreparingUpdate", prepare),
        Arguments.of(UpdateFailures.BAD_SIGNATURE, "PreparingUpdate", prepare),
        Arguments.of(UpdateFailures.EXPIRED_MANIFEST, "PreparingUpdate", prepare),
        Arguments.of(UpdateFailures.WRONG_PRODUCT, "PreparingUpdate", prepare),
        Arguments.of(UpdateFailures.DOWNGRADE, "PreparingUpdate", prepare),
        Arguments.of(UpdateFailures.UNSAFE_PATH, "PreparingUpdate", prepare),
        Arguments.of(UpdateFailures.INSUFFICIENT_DISK_SPACE, "PreparingUpdate", prepare),
        Arguments.of(UpdateFailures.CORRUPT_CHUNK, "DownloadingUpdate", download),
        Arguments.of(UpdateFailures.INSUFFICIENT_DISK_SPACE, "ApplyingUpdate", apply));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("nonRetryableFailures")
  void aNonRetryableFailureEndsTheUpdateAtOnceWithItsMessageAndNeverFinalizes(
      String type, String state, Consumer<UpdateActivities> call) {
    String message = "the activity's own words about " + type;
    call.accept(
        doThrow(ApplicationFailure.newNonRetryableFailure(message, type)).when(bed.activities));
    UpdateHandle update = bed.start();

    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, update::result);

    ApplicationFailure failure = (ApplicationFailure) failed.getCause();
    assertThat(failure.getType()).isEqualTo(type);
    assertThat(failure.getOriginalMessage())
        .startsWith("Update of install " + INSTALL_ID)
        .contains("failed in " + state + ": " + message);
    call.accept(verify(bed.activities, times(1)));
    verify(bed.activities, never()).finalizeUpdate(any());
    verify(bed.activities, never()).updateRegistry(any());
    boolean stagingBegan = !state.equals("Checking");
    verify(bed.activities, times(stagingBegan ? 1 : 0)).discardStaging(any());
    assertThat(bed.searchAttribute(update, NebulaSearchAttributes.UPDATE_STATE))
        .isEqualTo("UpdateFailed");
    assertThat(update.status().state()).isEqualTo(UpdateState.UPDATE_FAILED);
    assertThat(update.status().failure()).isEqualTo(failure.getOriginalMessage());
  }

  @Test
  void theServiceRecordsAFailureWithItsTypeAndState() {
    when(bed.activities.prepare(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "signature does not verify", UpdateFailures.BAD_SIGNATURE));

    assertThat(catchThrowableOfType(WorkflowFailedException.class, () -> bed.start().result()))
        .isNotNull();

    UpdateRecord last = bed.lastRecord();
    assertThat(last.updateProcessId()).isEqualTo(PROCESS_ID);
    assertThat(last.state()).isEqualTo(UpdateState.UPDATE_FAILED);
    assertThat(last.failedIn()).isEqualTo(UpdateState.PREPARING_UPDATE);
    assertThat(last.failureType()).isEqualTo(UpdateFailures.BAD_SIGNATURE);
    assertThat(last.failureMessage()).contains("signature does not verify");
  }

  @Test
  void aRetryableFailureOfANonRetryableTypeIsNotRetriedEither() {
    when(bed.activities.prepare(any()))
        .thenThrow(
            ApplicationFailure.newFailure(
                "path ../x escapes the install", UpdateFailures.UNSAFE_PATH));

    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> bed.start().result());

    assertThat(((ApplicationFailure) failed.getCause()).getType())
        .isEqualTo(UpdateFailures.UNSAFE_PATH);
    verify(bed.activities, times(1)).prepare(any());
  }

  @Test
  void aPrepareThatKeepsFailingGivesUpAfterItsAttemptsAndDropsStaging() {
    when(bed.activities.prepare(any())).thenThrow(new IllegalStateException("file locked"));

    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> bed.start().result());

    ApplicationFailure failure = (ApplicationFailure) failed.getCause();
    assertThat(failure.getType()).isEqualTo(UpdateFailures.GAVE_UP);
    assertThat(failure.getOriginalMessage())
        .contains("failed in PreparingUpdate: gave up after its last attempt; last failure:")
        .contains("file locked");
    verify(bed.activities, times(UpdateActivityPolicies.LOCAL_STEP_ATTEMPTS)).prepare(any());
    verify(bed.activities).discardStaging(new DiscardStagingRequest(INSTALL_ID, null));
  }

  @Test
  void aCheckThatCannotReachTheServiceGivesUpAfterItsAttempts() {
    when(bed.activities.check(any())).thenThrow(new IllegalStateException("service unreachable"));

    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> bed.start().result());

    ApplicationFailure failure = (ApplicationFailure) failed.getCause();
    assertThat(failure.getType()).isEqualTo(UpdateFailures.GAVE_UP);
    assertThat(failure.getOriginalMessage())
        .contains("failed in Checking: gave up")
        .contains("service unreachable");
    verify(bed.activities, times(UpdateActivityPolicies.CHECK_ATTEMPTS)).check(any());
    verify(bed.activities, never()).prepare(any());
    verify(bed.activities, never()).discardStaging(any());
  }

  @Test
  void aDownloadKeepsRetryingForAsLongAsItTakes() {
    // Longer than any bounded step would try: a player offline for hours.
    int failedAttempts = 3 * UpdateActivityPolicies.LOCAL_STEP_ATTEMPTS;
    AtomicInteger attempts = new AtomicInteger();
    doAnswer(
            invocation -> {
              if (attempts.incrementAndGet() <= failedAttempts) {
                throw new IllegalStateException("offline");
              }
              return WorkflowTestBed.fullBatch(invocation.getArgument(0));
            })
        .when(bed.activities)
        .downloadChunks(any());

    assertThat(bed.start().result().outcome()).isEqualTo(UpdateOutcome.UPDATED);
    verify(bed.activities, times(failedAttempts + 3)).downloadChunks(any());
  }

  @Test
  @Timeout(60)
  void aDownloadThatNeverSucceedsGivesUpAtTheInstallsDeadlineAndFreesTheId() {
    doThrow(new IllegalStateException("offline")).when(bed.activities).downloadChunks(any());
    UpdateRequest request = withRetryFor(Duration.ofHours(3));

    WorkflowFailedException failed =
        catchThrowableOfType(
            WorkflowFailedException.class, () -> bed.starter().startOrAttach(request).result());

    ApplicationFailure failure = (ApplicationFailure) failed.getCause();
    assertThat(failure.getType()).isEqualTo(UpdateFailures.GAVE_UP);
    assertThat(failure.getOriginalMessage())
        .contains("failed in DownloadingUpdate: gave up after retrying for 3 h")
        .contains("offline");
    verify(bed.activities).discardStaging(new DiscardStagingRequest(INSTALL_ID, PLAN_ID));
    // The id is free: the next check or release runs.
    doAnswer(invocation -> WorkflowTestBed.fullBatch(invocation.getArgument(0)))
        .when(bed.activities)
        .downloadChunks(any());
    assertThat(bed.start().result().outcome()).isEqualTo(UpdateOutcome.UPDATED);
  }

  @Test
  void aFinalizeThatNeverSucceedsGivesUpAtTheDeadlineWithoutDroppingStaging() {
    doThrow(new IllegalStateException("locked")).when(bed.activities).finalizeUpdate(any());

    WorkflowFailedException failed =
        catchThrowableOfType(
            WorkflowFailedException.class,
            () -> bed.starter().startOrAttach(withRetryFor(Duration.ofHours(1))).result());

    ApplicationFailure failure = (ApplicationFailure) failed.getCause();
    assertThat(failure.getType()).isEqualTo(UpdateFailures.GAVE_UP);
    assertThat(failure.getOriginalMessage()).contains("failed in FinalizingUpdate: gave up");
    verify(bed.activities, never()).discardStaging(any());
  }

  @ParameterizedTest
  @MethodSource("failuresFinalByCause")
  void aFailureFinalByItsCauseEndsTheUpdateAtOnce(String type) {
    doThrow(ApplicationFailure.newNonRetryableFailure("no can do", type))
        .when(bed.activities)
        .downloadChunks(any());

    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> bed.start().result());

    assertThat(((ApplicationFailure) failed.getCause()).getType()).isEqualTo(type);
    verify(bed.activities, times(1)).downloadChunks(any());
  }

  static Stream<String> failuresFinalByCause() {
    return Stream.of(
        UpdateFailures.MISSING_RELEASE_DATA,
        UpdateFailures.ACCESS_REFUSED,
        UpdateFailures.FOLDER_NOT_WRITABLE,
        UpdateFailures.INSUFFICIENT_DISK_SPACE);
  }

  private static UpdateRequest withRetryFor(Duration retryFor) {
    UpdateRequest r = WorkflowTestBed.request();
    return new UpdateRequest(
        r.installId(),
        r.product(),
        r.mode(),
        r.targetVersion(),
        r.allowDowngrade(),
        r.maxBytesPerSecond(),
        r.trigger(),
        r.rolloutId(),
        r.workerWait(),
        retryFor);
  }

  @Test
  void aFinalizeThatFailsForGoodDoesNotDropStaging() {
    when(bed.activities.finalizeUpdate(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "journal unreadable", "FinalizeJournalUnreadable"));

    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> bed.start().result());

    ApplicationFailure failure = (ApplicationFailure) failed.getCause();
    assertThat(failure.getType()).isEqualTo("FinalizeJournalUnreadable");
    assertThat(failure.getOriginalMessage())
        .contains("failed in FinalizingUpdate: journal unreadable");
    // Staging may be half swapped in: only finalize's journal may touch it now.
    verify(bed.activities, never()).discardStaging(any());
    verify(bed.activities, never()).updateRegistry(any());
  }

  @Test
  void aVersionThatIsNotSemVerFailsTheUpdate() {
    when(bed.activities.check(any())).thenReturn(new CheckResult("0.1", TO));

    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> bed.start().result());

    ApplicationFailure failure = (ApplicationFailure) failed.getCause();
    assertThat(failure.getType()).isEqualTo(UpdateFailures.MALFORMED_VERSION);
    assertThat(failure.getOriginalMessage()).contains("failed in Checking").contains("'0.1'");
    verify(bed.activities, never()).prepare(any());
  }

  @Test
  void aRequestWithoutAProductIsRejected() {
    UpdateWorkflow update =
        bed.client.newWorkflowStub(
            UpdateWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.update(INSTALL_ID))
                .setTaskQueue(TaskQueues.SERVICE)
                .build());
    UpdateRequest noProduct =
        new UpdateRequest(
            INSTALL_ID, " ", "stable", null, false, 0, UpdateTrigger.MANUAL, null, null, null);

    WorkflowFailedException failed =
        catchThrowableOfType(WorkflowFailedException.class, () -> update.update(noProduct));

    ApplicationFailure failure = (ApplicationFailure) failed.getCause();
    assertThat(failure.getType()).isEqualTo(UpdateFailures.INVALID_REQUEST);
    assertThat(failure.getOriginalMessage()).isEqualTo("the update request has no product");
    verify(bed.activities, never()).check(any());
  }

  @Test
  void aDownloadFailureNamesTheActivityMessageAndKeepsThePlanToDiscard() {
    doThrow(
            ApplicationFailure.newNonRetryableFailure(
                "chunk 3f2a... does not match its id after 3 fetches",
                UpdateFailures.CORRUPT_CHUNK))
        .when(bed.activities)
        .downloadChunks(any());

    assertThat(catchThrowableOfType(WorkflowFailedException.class, () -> bed.start().result()))
        .isNotNull();

    verify(bed.activities).discardStaging(new DiscardStagingRequest(INSTALL_ID, PLAN_ID));
  }
}
