package org.vsekai.nebula.workflows;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * The launcher's loop: Idle until a trigger, then one update as a child, then Idle again.
 *
 * <p>The child runs under the install's one update id, so a launcher and a player's {@code vsekai
 * --update} never run two updates of one install at once. When the id is taken by an update started
 * elsewhere, the launcher cannot await that workflow's result from workflow code (only a parent
 * can), so it waits {@link #RUNNING_UPDATE_RECHECK_INTERVAL} and tries again; once the other update
 * has ended its own update starts, and usually ends at once in NoUpdateFound.
 *
 * <p>The child's parent-close policy is ABANDON: terminating or resetting a launcher must never
 * kill an update in the middle of FinalizingUpdate.
 */
public class LauncherWorkflowImpl implements LauncherWorkflow {

  /**
   * A run continues as new once its history reaches this many events. A worker that restarts
   * replays the whole current run before it can act, and 500 events replay in milliseconds; one
   * quiet cycle (timer, child update) costs about fourteen, so a run covers some thirty-five
   * updates.
   */
  public static final int HISTORY_EVENTS_PER_RUN = 500;

  /**
   * How long to wait before trying again to start an update while one started elsewhere runs. Each
   * try costs about seven events; a minute lets the launcher follow an update within a minute of
   * its end while an hour-long one adds some four hundred events, within one run's budget.
   */
  public static final Duration RUNNING_UPDATE_RECHECK_INTERVAL = Duration.ofMinutes(1);

  /** The change that ends a launcher whose periodic check found the install offline. */
  static final String OFFLINE_ENDS_LAUNCHER = "offline-ends-launcher";

  private static final Logger log = Workflow.getLogger(LauncherWorkflowImpl.class);

  private LauncherConfig config;
  private String switchedMode;
  private LauncherState state = LauncherState.IDLE;
  private UpdateNowRequest pendingRequest;
  private Instant nextCheckAt;
  private UpdateResult lastResult;
  private String lastFailure;
  private long updatesRun;

  @Override
  public void run(LauncherInput input) {
    config = input.config();
    if (switchedMode != null) {
      switchMode(switchedMode);
    }
    LauncherMemory memory = input.memory() == null ? LauncherMemory.EMPTY : input.memory();
    if (pendingRequest == null) {
      // A signal may already have arrived in this run's first workflow task.
      pendingRequest = memory.pendingRequest();
    }
    lastResult = memory.lastResult();
    lastFailure = memory.lastFailure();
    updatesRun = memory.updatesRun();
    if (config.checkInterval() != null) {
      // A launcher's first run checks at once: the player has just installed or registered it.
      nextCheckAt = memory.nextCheckAt() != null ? memory.nextCheckAt() : now();
    }
    while (true) {
      continueAsNewIfHistoryIsLong(pendingRequest);
      state = LauncherState.IDLE;
      UpdateNowRequest trigger = awaitTrigger();
      runUpdate(trigger);
      if (foundOffline(trigger)) {
        state = LauncherState.OFFLINE;
        log.info(
            "{}: the install is offline; checks stop until its worker is back", config.installId());
        return;
      }
    }
  }

  /**
   * Whether this periodic check found no worker of the install. The launcher then ends: checking an
   * absent machine every interval would cost the service a workflow each time, and the install's
   * worker starts a new launcher when it runs again.
   */
  private boolean foundOffline(UpdateNowRequest trigger) {
    return trigger.trigger() == UpdateTrigger.SCHEDULED
        && lastResult != null
        && lastResult.outcome() == UpdateOutcome.INSTALL_OFFLINE
        && Workflow.getVersion(OFFLINE_ENDS_LAUNCHER, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /** Waits in Idle for {@code updateNow} or the periodic check, whichever comes first. */
  private UpdateNowRequest awaitTrigger() {
    if (nextCheckAt == null) {
      Workflow.await(() -> pendingRequest != null);
    } else {
      Duration untilCheck = Duration.between(now(), nextCheckAt);
      if (untilCheck.compareTo(Duration.ZERO) > 0) {
        Workflow.await(untilCheck, () -> pendingRequest != null);
      }
    }
    UpdateNowRequest trigger =
        pendingRequest != null
            ? pendingRequest
            : new UpdateNowRequest(UpdateTrigger.SCHEDULED, null, null);
    pendingRequest = null;
    if (config.checkInterval() != null) {
      // Any update checks, so the next periodic check is one interval after this one.
      nextCheckAt = now().plus(config.checkInterval());
    }
    return trigger;
  }

  private void runUpdate(UpdateNowRequest trigger) {
    UpdateRequest request =
        new UpdateRequest(
            config.installId(),
            config.product(),
            config.mode(),
            trigger.targetVersion(),
            config.allowDowngrade(),
            config.maxBytesPerSecond(),
            trigger.trigger(),
            trigger.rolloutId(),
            trigger.trigger() == UpdateTrigger.SCHEDULED ? config.offlineAfter() : null,
            config.retryFor());
    while (true) {
      state = LauncherState.UPDATING;
      UpdateWorkflow update = Workflow.newChildWorkflowStub(UpdateWorkflow.class, childOptions());
      try {
        lastResult = update.update(request);
        lastFailure = null;
        updatesRun++;
        return;
      } catch (ChildWorkflowFailure failure) {
        if (!(failure.getCause() instanceof WorkflowExecutionAlreadyStarted)) {
          lastResult = null;
          lastFailure = messageOf(failure);
          updatesRun++;
          log.warn("{}: update failed: {}", config.installId(), lastFailure);
          return;
        }
      }
      state = LauncherState.AWAITING_RUNNING_UPDATE;
      log.info("{}: an update started elsewhere is running; waiting", config.installId());
      Workflow.sleep(RUNNING_UPDATE_RECHECK_INTERVAL);
      // Keep the trigger if this run must end before the other update does.
      continueAsNewIfHistoryIsLong(trigger);
    }
  }

  private ChildWorkflowOptions childOptions() {
    return ChildWorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.update(config.installId()))
        .setTaskQueue(TaskQueues.SERVICE)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
        .build();
  }

  private void continueAsNewIfHistoryIsLong(UpdateNowRequest carriedRequest) {
    WorkflowInfo info = Workflow.getInfo();
    if (info.getHistoryLength() < HISTORY_EVENTS_PER_RUN && !info.isContinueAsNewSuggested()) {
      return;
    }
    log.info("{}: continuing as new after {} events", config.installId(), info.getHistoryLength());
    Workflow.continueAsNew(
        new LauncherInput(
            config,
            new LauncherMemory(carriedRequest, nextCheckAt, lastResult, lastFailure, updatesRun)));
  }

  private static String messageOf(ChildWorkflowFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof TemporalFailure temporal) {
      return temporal.getOriginalMessage();
    }
    return failure.getMessage();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  @Override
  public void updateNow(UpdateNowRequest request) {
    if (state != LauncherState.IDLE) {
      log.info("updateNow absorbed by the update already running");
      return;
    }
    pendingRequest = request == null ? UpdateNowRequest.manual() : request;
  }

  @Override
  public void switchMode(String mode) {
    if (mode == null || mode.isBlank()) {
      log.warn("switchMode without a mode ignored");
      return;
    }
    if (config == null) {
      // Arrived with the run's first task, before run() read its input.
      switchedMode = mode;
      return;
    }
    config =
        new LauncherConfig(
            config.installId(),
            config.product(),
            mode,
            config.checkInterval(),
            config.allowDowngrade(),
            config.maxBytesPerSecond(),
            config.offlineAfter(),
            config.retryFor());
  }

  @Override
  public LauncherStatus status() {
    return new LauncherStatus(state, nextCheckAt, lastResult, lastFailure, updatesRun);
  }
}
