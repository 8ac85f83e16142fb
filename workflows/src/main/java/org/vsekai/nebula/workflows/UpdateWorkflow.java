package org.vsekai.nebula.workflows;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One update of one install, following the seed's state diagram ({@link UpdateState}). Runs as
 * {@code update-<installId>} ({@link WorkflowIds#update}) on {@code install-<installId>} ({@link
 * TaskQueues#forInstall}); start it through {@code UpdateStarter} so a second trigger attaches to
 * the running update.
 */
@WorkflowInterface
public interface UpdateWorkflow {

  /**
   * Checks for, downloads and installs a new version. Returns how it ended unless it failed; a
   * failure ends the workflow failed with an {@code ApplicationFailure} whose type is from {@link
   * UpdateFailures} (or {@link UpdateFailures#UPDATE_FAILED}) and whose message says the state and
   * the cause. A Temporal cancellation (e.g. from the UI) before finalizing drops staging and ends
   * the workflow cancelled. From FinalizingUpdate on it does not stop the update, which rolls
   * forward to UpdateSuccessful and is recorded so; but the Java SDK closes every workflow whose
   * cancellation was requested as Canceled, so read how such an update ended from {@link #status()}
   * or the {@code UpdateState} search attribute, not from the close status.
   */
  @WorkflowMethod
  UpdateResult update(UpdateRequest request);

  /** The state and progress; answered from the worker's memory, so it adds no history. */
  @QueryMethod
  UpdateStatus status();

  /**
   * Stops downloading: the running batch is cancelled at its next heartbeat (the chunks it fetched
   * stay in the cache) and no further step starts until {@link #resume}. A running check, prepare
   * or apply finishes first. Ignored from FinalizingUpdate on.
   */
  @SignalMethod
  void pause();

  /** Lifts a {@link #pause}; the interrupted batch starts again from the cache. */
  @SignalMethod
  void resume();

  /**
   * Cancels the update if it has not reached FinalizingUpdate: the running step is stopped, staging
   * is dropped, the old install is untouched, and the update ends with outcome CANCELLED. From
   * FinalizingUpdate on it is ignored, because a half-finished swap must roll forward; {@link
   * UpdateStatus#cancellable()} tells a client which case it is in.
   */
  @SignalMethod
  void cancel();
}
