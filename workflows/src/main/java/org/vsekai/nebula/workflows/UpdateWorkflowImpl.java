package org.vsekai.nebula.workflows;

import static org.vsekai.nebula.workflows.NebulaSearchAttributes.FROM_VERSION;
import static org.vsekai.nebula.workflows.NebulaSearchAttributes.INSTALL_ID;
import static org.vsekai.nebula.workflows.NebulaSearchAttributes.MODE;
import static org.vsekai.nebula.workflows.NebulaSearchAttributes.PRODUCT;
import static org.vsekai.nebula.workflows.NebulaSearchAttributes.TO_VERSION;
import static org.vsekai.nebula.workflows.NebulaSearchAttributes.UPDATE_STATE;

import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.vsekai.nebula.api.InvalidVersionException;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.workflows.activities.ApplyRequest;
import org.vsekai.nebula.workflows.activities.ApplyResult;
import org.vsekai.nebula.workflows.activities.CheckRequest;
import org.vsekai.nebula.workflows.activities.CheckResult;
import org.vsekai.nebula.workflows.activities.DiscardStagingRequest;
import org.vsekai.nebula.workflows.activities.DownloadBatchRequest;
import org.vsekai.nebula.workflows.activities.DownloadBatchResult;
import org.vsekai.nebula.workflows.activities.FinalizeRequest;
import org.vsekai.nebula.workflows.activities.PrepareRequest;
import org.vsekai.nebula.workflows.activities.RecordActivities;
import org.vsekai.nebula.workflows.activities.RecordReceipt;
import org.vsekai.nebula.workflows.activities.RegistryRequest;
import org.vsekai.nebula.workflows.activities.UpdateActivities;
import org.vsekai.nebula.workflows.activities.UpdateRecord;

/**
 * The update, step by step: check, prepare, download in batches, apply, finalize and registry. How
 * it keeps its history small, reports progress, pauses, cancels and records is in
 * docs/ARCHITECTURE.md, "The update workflow in detail".
 */
public class UpdateWorkflowImpl implements UpdateWorkflow {

  private static final Logger log = Workflow.getLogger(UpdateWorkflowImpl.class);

  /**
   * The change that lets an update end {@code INSTALL_OFFLINE} when no worker of the install takes
   * its check in time; before it, a check waiting for a worker simply timed out as a failure.
   */
  static final String INSTALL_OFFLINE_CHANGE = "install-offline";

  /**
   * The change that gives every step on the install's machine a deadline ({@link
   * UpdateRequest#retryFor()}) and names the failure of a step that ran out of time or attempts;
   * before it, downloads, finalize and registry were retried without end.
   */
  static final String BOUNDED_STEPS_CHANGE = "bounded-steps";

  // The install's steps run on its own queue, so the stub is made once the request names it: one
  // stub, each step with its own policy.
  private UpdateActivities steps;
  private final RecordActivities recorder =
      Workflow.newActivityStub(RecordActivities.class, UpdateActivityPolicies.RECORD);

  private UpdateRequest request;

  /** What the update has found and done so far: what status, records and the result report. */
  private final UpdateRun run = new UpdateRun();

  private boolean paused;
  private boolean cancelRequested;
  private boolean finalizeStarted;
  private boolean stagingMayExist;
  private boolean stepsBounded;

  /** Everything before FinalizingUpdate; {@code cancel} cancels it. Null outside that phase. */
  private CancellationScope stagingPhase;

  /** The running download batch; {@code pause} cancels it. Null when no batch runs. */
  private CancellationScope runningBatch;

  /** The record made when an update was found; its receipt names the process for the last one. */
  private Promise<RecordReceipt> startRecord;

  private void bindStepsToInstall(UpdateRequest request) {
    String id = request.installId();
    stepsBounded = Workflow.getVersion(BOUNDED_STEPS_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    // Every step's policy sets its own timeouts and retries; the default only names the queue (and
    // a start-to-close every policy overrides), so nothing of it leaks into a step's options.
    ActivityOptions queue =
        UpdateActivityPolicies.onInstall(
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build(), id);
    steps =
        Workflow.newActivityStub(
            UpdateActivities.class,
            queue,
            Map.of(
                "Check",
                UpdateActivityPolicies.onInstall(UpdateActivityPolicies.check(request), id),
                "Prepare",
                UpdateActivityPolicies.onInstall(bounded(UpdateActivityPolicies.PREPARE), id),
                UpdateActivities.DOWNLOAD_CHUNKS,
                UpdateActivityPolicies.onInstall(bounded(UpdateActivityPolicies.DOWNLOAD), id),
                UpdateActivities.APPLY,
                UpdateActivityPolicies.onInstall(bounded(UpdateActivityPolicies.APPLY), id),
                "FinalizeUpdate",
                UpdateActivityPolicies.onInstall(bounded(UpdateActivityPolicies.FINALIZE), id),
                "UpdateRegistry",
                UpdateActivityPolicies.onInstall(bounded(UpdateActivityPolicies.REGISTRY), id),
                "DiscardStaging",
                UpdateActivityPolicies.onInstall(UpdateActivityPolicies.DISCARD_STAGING, id)));
  }

  private ActivityOptions bounded(ActivityOptions policy) {
    return stepsBounded
        ? UpdateActivityPolicies.givingUpAfter(policy, UpdateActivityPolicies.retryFor(request))
        : policy;
  }

  @Override
  public UpdateResult update(UpdateRequest request) {
    rejectIfInvalid(request);
    this.request = request;
    bindStepsToInstall(request);
    enter(
        UpdateState.CHECKING,
        INSTALL_ID.valueSet(request.installId()),
        PRODUCT.valueSet(request.product()),
        MODE.valueSet(request.mode()));
    if (cancelRequested) {
      return endCancelled();
    }
    stagingPhase = Workflow.newCancellationScope(this::checkAndStage);
    try {
      stagingPhase.run();
    } catch (TemporalFailure failure) {
      if (cancelWanted()) {
        return endCancelled();
      }
      throw endFailed(failure);
    } finally {
      stagingPhase = null;
    }
    if (run.installOffline) {
      enter(UpdateState.IDLE);
      log.info("{}: no worker took the check; the install is offline", request.installId());
      return result(UpdateOutcome.INSTALL_OFFLINE);
    }
    if (run.state == UpdateState.NO_UPDATE_FOUND) {
      return result(UpdateOutcome.NO_UPDATE);
    }
    if (cancelWanted()) {
      // The cancel arrived as the last step before finalizing completed.
      return endCancelled();
    }
    return finalizeAndRegister();
  }

  /** Checking to ApplyingUpdate: nothing here touches the installed files. */
  private void checkAndStage() {
    awaitResumed();
    boolean offlineEnds =
        Workflow.getVersion(INSTALL_OFFLINE_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    CheckResult check;
    try {
      check =
          steps.check(
              new CheckRequest(
                  request.installId(),
                  request.product(),
                  request.mode(),
                  request.targetVersion(),
                  request.rolloutId()));
    } catch (ActivityFailure failure) {
      if (offlineEnds && notTakenByAnyWorker(failure)) {
        run.installOffline = true;
        return;
      }
      throw failure;
    }
    run.fromVersion = check.installedVersion();
    if (!offersUpdate(check)) {
      enter(UpdateState.NO_UPDATE_FOUND, versionAttributes());
      return;
    }
    run.toVersion = check.availableVersion();
    enter(UpdateState.UPDATE_AVAILABLE, versionAttributes());
    Workflow.newDetachedCancellationScope(
            () ->
                startRecord =
                    Async.function(
                        recorder::record,
                        record(null, UpdateState.UPDATE_AVAILABLE, null, null, null)))
        .run();

    awaitResumed();
    enter(UpdateState.PREPARING_UPDATE);
    stagingMayExist = true;
    run.plan =
        steps.prepare(
            new PrepareRequest(
                request.installId(),
                request.product(),
                request.mode(),
                run.fromVersion,
                run.toVersion,
                request.allowDowngrade()));

    int batches = DownloadBatching.batchCount(run.plan);
    run.progress =
        new UpdateProgress(
            0,
            run.plan.bytesToDownload(),
            0,
            run.plan.chunksToDownload(),
            0,
            batches,
            0,
            run.plan.filesChanged(),
            0);
    enter(UpdateState.DOWNLOADING_UPDATE);
    for (int batch = 0; batch < batches; batch++) {
      downloadBatch(batch, batches);
    }

    awaitResumed();
    enter(UpdateState.APPLYING_UPDATE);
    ApplyResult applied = steps.apply(new ApplyRequest(run.plan.planId()));
    run.progress = run.progress.withFilesDone(applied.filesStaged());
    // The last point at which a pause holds the update: nothing irreversible has started.
    awaitResumed();
  }

  /** One batch, rescheduled after each pause that interrupts it. */
  private void downloadBatch(int batch, int batches) {
    DownloadBatchRequest batchRequest =
        new DownloadBatchRequest(run.plan.planId(), batch, batches, request.maxBytesPerSecond());
    while (true) {
      awaitResumed();
      long startedAt = Workflow.currentTimeMillis();
      List<Promise<DownloadBatchResult>> attempt = new ArrayList<>(1);
      CancellationScope scope =
          Workflow.newCancellationScope(
              () -> attempt.add(Async.function(steps::downloadChunks, batchRequest)));
      runningBatch = scope;
      try {
        scope.run();
        DownloadBatchResult done = attempt.get(0).get();
        countBatch(done, Workflow.currentTimeMillis() - startedAt);
        return;
      } catch (ActivityFailure | CanceledFailure interrupted) {
        boolean byPause = scope.isCancelRequested() && !stagingPhase.isCancelRequested();
        if (!byPause) {
          throw interrupted;
        }
        log.info("{}: download batch {} of {} paused", request.installId(), batch + 1, batches);
      } finally {
        runningBatch = null;
      }
    }
  }

  private void countBatch(DownloadBatchResult done, long elapsedMillis) {
    run.bytesFetched += done.bytesFetched();
    run.chunksFetched += done.chunksFetched();
    long rate =
        elapsedMillis > 0
            ? done.bytesFetched() * 1000 / elapsedMillis
            : run.progress.bytesPerSecond();
    run.progress =
        new UpdateProgress(
            run.progress.bytesDone() + done.bytes(),
            run.progress.bytesTotal(),
            run.progress.chunksDone() + done.chunks(),
            run.progress.chunksTotal(),
            run.progress.batchesDone() + 1,
            run.progress.batchesTotal(),
            run.progress.filesDone(),
            run.progress.filesTotal(),
            rate);
  }

  /** FinalizingUpdate to UpdateSuccessful: rolls forward whatever happens, so never cancelled. */
  private UpdateResult finalizeAndRegister() {
    finalizeStarted = true;
    enter(UpdateState.FINALIZING_UPDATE);
    try {
      Workflow.newDetachedCancellationScope(
              () -> {
                steps.finalizeUpdate(new FinalizeRequest(run.plan.planId(), run.toVersion));
                steps.updateRegistry(
                    new RegistryRequest(
                        request.installId(), request.product(), request.mode(), run.toVersion));
              })
          .run();
    } catch (TemporalFailure failure) {
      throw endFailed(failure);
    }
    enter(UpdateState.UPDATE_SUCCESSFUL);
    Workflow.newDetachedCancellationScope(
            () -> recordEnd(UpdateState.UPDATE_SUCCESSFUL, null, null, null))
        .run();
    return result(UpdateOutcome.UPDATED);
  }

  private UpdateResult endCancelled() {
    boolean byTemporal = CancellationScope.current().isCancelRequested();
    UpdateState cancelledIn = run.state;
    enter(UpdateState.UPDATE_CANCELLED);
    log.info("{}: cancelled in {}", request.installId(), cancelledIn.label());
    Workflow.newDetachedCancellationScope(
            () -> {
              discardStagingIfAny();
              recordEnd(UpdateState.UPDATE_CANCELLED, null, null, null);
            })
        .run();
    if (byTemporal) {
      throw new CanceledFailure(
          "update cancelled in " + cancelledIn.label() + "; the installed version is untouched");
    }
    return result(UpdateOutcome.CANCELLED);
  }

  /** Ends a failed update: drops staging (unless finalize began), records, returns the failure. */
  private ApplicationFailure endFailed(TemporalFailure failure) {
    UpdateState failedIn = run.state;
    String type = failureType(failure);
    run.failureMessage =
        "Update of install "
            + request.installId()
            + (run.toVersion == null ? "" : " to " + run.toVersion)
            + " failed in "
            + failedIn.label()
            + ": "
            + (UpdateFailures.GAVE_UP.equals(type)
                ? gaveUpMessage(failure)
                : FailureMessages.causeOf(failure));
    enter(UpdateState.UPDATE_FAILED);
    log.warn("{}", run.failureMessage);
    Workflow.newDetachedCancellationScope(
            () -> {
              if (!finalizeStarted) {
                discardStagingIfAny();
              }
              recordEnd(UpdateState.UPDATE_FAILED, failedIn, type, run.failureMessage);
            })
        .run();
    return ApplicationFailure.newNonRetryableFailureWithCause(run.failureMessage, type, failure);
  }

  private void discardStagingIfAny() {
    if (!stagingMayExist) {
      return;
    }
    try {
      steps.discardStaging(
          new DiscardStagingRequest(
              request.installId(), run.plan == null ? null : run.plan.planId()));
    } catch (ActivityFailure e) {
      // Harmless: staging is never read without a plan, and the next prepare drops it first.
      log.warn("{}: staging not discarded: {}", request.installId(), FailureMessages.causeOf(e));
    }
  }

  private void recordEnd(
      UpdateState endState, UpdateState failedIn, String failureType, String message) {
    String updateProcessId = null;
    if (startRecord != null) {
      try {
        updateProcessId = startRecord.get().updateProcessId();
      } catch (ActivityFailure e) {
        log.warn(
            "{}: start of update not recorded: {}",
            request.installId(),
            FailureMessages.causeOf(e));
      }
    }
    try {
      recorder.record(record(updateProcessId, endState, failedIn, failureType, message));
    } catch (ActivityFailure e) {
      log.warn(
          "{}: end of update not recorded: {}", request.installId(), FailureMessages.causeOf(e));
    }
  }

  private UpdateRecord record(
      String updateProcessId,
      UpdateState recordedState,
      UpdateState failedIn,
      String failureType,
      String message) {
    return new UpdateRecord(
        updateProcessId,
        request.installId(),
        Workflow.getInfo().getWorkflowId(),
        Workflow.getInfo().getRunId(),
        request.product(),
        request.mode(),
        run.fromVersion,
        run.toVersion,
        recordedState,
        failedIn,
        failureType,
        message,
        run.bytesFetched,
        run.plan == null ? 0 : run.plan.bytesToDownload(),
        run.plan == null ? 0 : run.plan.filesChanged(),
        request.trigger(),
        request.rolloutId(),
        Instant.ofEpochMilli(Workflow.currentTimeMillis()));
  }

  private UpdateResult result(UpdateOutcome outcome) {
    return new UpdateResult(
        outcome,
        request.installId(),
        run.fromVersion,
        run.toVersion,
        run.bytesFetched,
        run.plan == null ? 0 : run.plan.bytesToDownload(),
        run.chunksFetched,
        run.plan == null ? 0 : run.plan.filesChanged());
  }

  /** Whether check's facts make an update: a higher version, or a lower one if allowed. */
  private boolean offersUpdate(CheckResult check) {
    if (check.availableVersion() == null) {
      return false;
    }
    if (check.installedVersion() == null) {
      return true;
    }
    int order = semVer(check.availableVersion()).compareTo(semVer(check.installedVersion()));
    return order > 0 || (order < 0 && request.allowDowngrade());
  }

  private static SemVer semVer(String text) {
    try {
      return SemVer.parse(text);
    } catch (InvalidVersionException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          e.getMessage(), UpdateFailures.MALFORMED_VERSION);
    }
  }

  /**
   * Whether a step failed because its retries ended (its deadline passed, or its attempts ran out)
   * rather than on a failure that is final by its nature.
   */
  private static boolean ranOutOfRetries(Throwable failure) {
    if (!(failure instanceof ActivityFailure activity)) {
      return false;
    }
    if (activity.getCause() instanceof TimeoutFailure timeout) {
      return timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE;
    }
    return activity.getRetryState() == RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED
        || activity.getRetryState() == RetryState.RETRY_STATE_TIMEOUT;
  }

  /** Whether the activity waited out its schedule-to-start timeout: no worker polled for it. */
  private static boolean notTakenByAnyWorker(ActivityFailure failure) {
    return failure.getCause() instanceof TimeoutFailure timeout
        && timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START;
  }

  private void awaitResumed() {
    Workflow.await(() -> !paused);
  }

  private boolean cancelWanted() {
    return cancelRequested || CancellationScope.current().isCancelRequested();
  }

  private void enter(UpdateState next, SearchAttributeUpdate<?>... alsoSet) {
    log.info("{}: {} -> {}", request.installId(), run.state.label(), next.label());
    run.state = next;
    SearchAttributeUpdate<?>[] updates = new SearchAttributeUpdate<?>[alsoSet.length + 1];
    System.arraycopy(alsoSet, 0, updates, 0, alsoSet.length);
    updates[alsoSet.length] = UPDATE_STATE.valueSet(next.label());
    Workflow.upsertTypedSearchAttributes(updates);
  }

  private SearchAttributeUpdate<?>[] versionAttributes() {
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>(2);
    if (run.fromVersion != null) {
      updates.add(FROM_VERSION.valueSet(run.fromVersion));
    }
    if (run.toVersion != null) {
      updates.add(TO_VERSION.valueSet(run.toVersion));
    }
    return updates.toArray(new SearchAttributeUpdate<?>[0]);
  }

  private static void rejectIfInvalid(UpdateRequest request) {
    String problem = null;
    if (request == null) {
      problem = "no update request";
    } else if (isBlank(request.installId())) {
      problem = "the update request has no install id";
    } else if (isBlank(request.product())) {
      problem = "the update request has no product";
    } else if (isBlank(request.mode())) {
      problem = "the update request has no mode";
    } else if (request.maxBytesPerSecond() < 0) {
      problem = "the bandwidth cap must not be negative";
    }
    if (problem != null) {
      throw ApplicationFailure.newNonRetryableFailure(problem, UpdateFailures.INVALID_REQUEST);
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /**
   * The failure's name: {@link UpdateFailures#GAVE_UP} for a step that ran out of time or attempts,
   * else the innermost application failure's type, e.g. {@code BadSignature}.
   */
  private String failureType(Throwable failure) {
    if (stepsBounded && ranOutOfRetries(failure)) {
      return UpdateFailures.GAVE_UP;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure application) {
        return application.getType();
      }
    }
    return UpdateFailures.UPDATE_FAILED;
  }

  /** Why a step stopped being retried, and what its last attempt said. */
  private String gaveUpMessage(TemporalFailure failure) {
    Throwable last = failure.getCause();
    boolean deadline =
        failure instanceof ActivityFailure activity
            && activity.getRetryState() == RetryState.RETRY_STATE_TIMEOUT;
    if (last instanceof TimeoutFailure timeout
        && timeout.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE) {
      // The deadline passed during an attempt, not between two.
      deadline = true;
      last = timeout.getCause();
    }
    String why =
        deadline
            ? "gave up after retrying for " + describe(UpdateActivityPolicies.retryFor(request))
            : "gave up after its last attempt";
    return why + (last == null ? "" : "; last failure: " + FailureMessages.causeOf(last));
  }

  private static String describe(Duration d) {
    if (d.toHours() >= 1 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
      return d.toHours() + " h";
    }
    if (d.toMinutes() >= 1 && d.toSecondsPart() == 0) {
      return d.toMinutes() + " min";
    }
    return d.toSeconds() + " s";
  }

  @Override
  public UpdateStatus status() {
    boolean cancellable = !finalizeStarted && !run.state.isTerminal();
    return new UpdateStatus(
        run.state,
        paused,
        cancelRequested,
        cancellable,
        run.fromVersion,
        run.toVersion,
        run.progress,
        run.failureMessage);
  }

  @Override
  public void pause() {
    if (finalizeStarted || run.state.isTerminal()) {
      log.info("pause ignored in {}", run.state.label());
      return;
    }
    paused = true;
    if (runningBatch != null) {
      runningBatch.cancel("paused");
    }
  }

  @Override
  public void resume() {
    paused = false;
  }

  @Override
  public void cancel() {
    if (finalizeStarted || run.state.isTerminal()) {
      log.info("cancel ignored in {}: finalizing rolls forward", run.state.label());
      return;
    }
    cancelRequested = true;
    if (stagingPhase != null) {
      stagingPhase.cancel("cancelled by signal");
    }
  }
}
