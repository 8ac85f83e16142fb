package org.vsekai.nebula.server.installs;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.ActivityCompletionClient;
import io.temporal.client.ActivityCompletionFailureException;
import io.temporal.client.ActivityNotExistsException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsekai.nebula.api.rest.LauncherStart;
import org.vsekai.nebula.api.rest.UpdateStart;
import org.vsekai.nebula.api.rest.UpdateView;
import org.vsekai.nebula.schema.Install;
import org.vsekai.nebula.schema.InstallRepository;
import org.vsekai.nebula.schema.RecordConflictException;
import org.vsekai.nebula.schema.RecordNotFoundException;
import org.vsekai.nebula.workflows.LauncherConfig;
import org.vsekai.nebula.workflows.LauncherInput;
import org.vsekai.nebula.workflows.LauncherWorkflow;
import org.vsekai.nebula.workflows.NebulaSearchAttributes;
import org.vsekai.nebula.workflows.TaskQueues;
import org.vsekai.nebula.workflows.UpdateProgress;
import org.vsekai.nebula.workflows.UpdateRequest;
import org.vsekai.nebula.workflows.UpdateResult;
import org.vsekai.nebula.workflows.UpdateStatus;
import org.vsekai.nebula.workflows.UpdateTrigger;
import org.vsekai.nebula.workflows.WorkflowIds;
import org.vsekai.nebula.workflows.client.TemporalUnavailableException;
import org.vsekai.nebula.workflows.client.UpdateHandle;
import org.vsekai.nebula.workflows.client.UpdateStarter;

/**
 * What a player's commands do on the service's side: an install asks, with its own credential, to
 * update now, pause, resume or cancel, to see its update, and to be kept current while its worker
 * is online; the service starts, signals and queries the install's workflows with its own Temporal
 * client. Product and mode come from the service's record of the install, never from the request.
 */
public final class InstallUpdates {
  private static final Logger LOG = LoggerFactory.getLogger(InstallUpdates.class);

  /** The failure type of a step released because its worker restarted (retryable). */
  public static final String WORKER_RESTARTED = "WorkerRestarted";

  /** The delay before a released step's next attempt (zero would mean "the policy's"). */
  private static final Duration RETRY_AT_ONCE = Duration.ofMillis(10);

  /** A query the service's own worker does not answer in this long means Temporal is struggling. */
  private static final long QUERY_WAIT_SECONDS = 5;

  private final WorkflowClient client;
  private final InstallRepository installs;
  private final UpdateStarter starter;

  public InstallUpdates(WorkflowClient client, InstallRepository installs) {
    this.client = client;
    this.installs = installs;
    this.starter = new UpdateStarter(client);
  }

  /** Starts the install's update, or joins the one running; answers its view. */
  public UpdateView start(UUID installId, UpdateStart request) {
    Install install = installs.find(installId);
    requireMode(install);
    if (request.workerRestarted()) {
      retryStepsOfADeadWorker(installId);
    }
    UpdateRequest update =
        new UpdateRequest(
            installId.toString(),
            install.product(),
            install.mode(),
            null,
            request.allowDowngrade(),
            request.maxBytesPerSecond(),
            UpdateTrigger.MANUAL,
            null,
            null,
            RetryForHours.duration(request.retryForHours()));
    temporal(() -> starter.startOrAttach(update));
    return view(installId);
  }

  /** The install's latest update, running or ended. */
  public UpdateView view(UUID installId) {
    WorkflowStub stub = client.newUntypedWorkflowStub(WorkflowIds.update(installId.toString()));
    WorkflowExecutionDescription d;
    try {
      d = temporal(stub::describe);
    } catch (NotThere e) {
      throw noUpdate(installId);
    }
    String runId = d.getExecution().getRunId();
    SearchAttributes attributes = d.getTypedSearchAttributes();
    String from = attributes.get(NebulaSearchAttributes.FROM_VERSION);
    String to = attributes.get(NebulaSearchAttributes.TO_VERSION);
    String state = attributes.get(NebulaSearchAttributes.UPDATE_STATE);
    if (d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      UpdateStatus live = temporal(() -> handle(installId).liveStatus());
      return new UpdateView(
          d.getExecution().getWorkflowId(),
          runId,
          live.state().label(),
          true,
          live.paused(),
          live.cancellable(),
          live.fromVersion(),
          live.toVersion(),
          progress(live.progress()),
          null,
          null,
          null,
          0,
          0,
          0);
    }
    try {
      UpdateResult r =
          temporal(() -> stub.getResult(QUERY_WAIT_SECONDS, TimeUnit.SECONDS, UpdateResult.class));
      return new UpdateView(
          d.getExecution().getWorkflowId(),
          runId,
          state,
          false,
          false,
          false,
          r.fromVersion(),
          r.toVersion(),
          UpdateView.Progress.NONE,
          r.outcome().name(),
          null,
          null,
          r.bytesDownloaded(),
          r.bytesNeeded(),
          r.filesChanged());
    } catch (WorkflowFailedException e) {
      String type = "UpdateFailed";
      String message = e.getMessage();
      String outcome = null;
      if (e.getCause() instanceof ApplicationFailure af) {
        type = af.getType();
        message = af.getOriginalMessage();
      } else if (e.getCause() instanceof CanceledFailure) {
        type = null;
        message = null;
        outcome = "CANCELLED";
      } else if (e.getCause() instanceof TemporalFailure tf) {
        message = tf.getOriginalMessage();
      }
      return new UpdateView(
          d.getExecution().getWorkflowId(),
          runId,
          state,
          false,
          false,
          false,
          from,
          to,
          UpdateView.Progress.NONE,
          outcome,
          type,
          message,
          0,
          0,
          0);
    }
  }

  public UpdateView pause(UUID installId) {
    return signalRunning(installId, UpdateHandle::pause, false);
  }

  public UpdateView resume(UUID installId) {
    return signalRunning(installId, UpdateHandle::resume, false);
  }

  /** Cancels the running update; a 409 once it is finalizing (it rolls forward then). */
  public UpdateView cancel(UUID installId) {
    return signalRunning(installId, UpdateHandle::cancel, true);
  }

  /**
   * The install's worker is online: (re)starts its launcher with the service's record of product
   * and mode and the worker's settings. A running launcher is replaced (its settings may have
   * changed); a running update, the launcher's abandoned child, goes on.
   */
  public void startLauncher(UUID installId, LauncherStart settings) {
    Install install = installs.find(installId);
    requireMode(install);
    retryStepsOfADeadWorker(installId);
    String id = installId.toString();
    temporal(
        () -> {
          try {
            temporal(
                () -> {
                  client
                      .newUntypedWorkflowStub(WorkflowIds.launcher(id))
                      .terminate("the install's worker started again");
                  return null;
                });
          } catch (NotThere notRunning) {
            // nothing to replace
          }
          Duration interval =
              settings.autoUpdate() && settings.checkIntervalMinutes() > 0
                  ? Duration.ofMinutes(settings.checkIntervalMinutes())
                  : null;
          LauncherWorkflow launcher =
              client.newWorkflowStub(
                  LauncherWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(WorkflowIds.launcher(id))
                      .setTaskQueue(TaskQueues.SERVICE)
                      .setWorkflowIdReusePolicy(
                          WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                      .build());
          try {
            WorkflowClient.start(
                launcher::run,
                LauncherInput.start(
                    new LauncherConfig(
                        id,
                        install.product(),
                        install.mode(),
                        interval,
                        false,
                        Math.max(0, settings.maxBytesPerSecond()),
                        null,
                        RetryForHours.duration(settings.retryForHours()))));
          } catch (WorkflowExecutionAlreadyStarted raced) {
            // another start with the same settings won the race
          }
          return null;
        });
  }

  /** Tells a running launcher the install's new mode; nothing to do when none runs. */
  public void followMode(UUID installId, String mode) {
    try {
      temporal(
          () -> {
            client
                .newWorkflowStub(LauncherWorkflow.class, WorkflowIds.launcher(installId.toString()))
                .switchMode(mode);
            return null;
          });
    } catch (NotThere notRunning) {
      // the worker's next start reads the mode from the install's record
    }
  }

  /**
   * Fails, as retryable, every step of the install's running update that a worker had started: the
   * caller just started the install's only worker (it holds the folder's lock), so the worker that
   * started them is dead. Temporal retries each after its first backoff (a second) and the new
   * worker takes it, where otherwise the step would wait out its heartbeat timeout (30 s) or, for
   * one without heartbeats, its start-to-close timeout.
   */
  private void retryStepsOfADeadWorker(UUID installId) {
    String workflowId = WorkflowIds.update(installId.toString());
    DescribeWorkflowExecutionResponse d;
    try {
      d =
          temporal(
              () ->
                  client
                      .getWorkflowServiceStubs()
                      .blockingStub()
                      .describeWorkflowExecution(
                          DescribeWorkflowExecutionRequest.newBuilder()
                              .setNamespace(client.getOptions().getNamespace())
                              .setExecution(
                                  WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                              .build()));
    } catch (NotThere none) {
      return;
    }
    if (d.getWorkflowExecutionInfo().getStatus()
        != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return;
    }
    ActivityCompletionClient completions = client.newActivityCompletionClient();
    String runId = d.getWorkflowExecutionInfo().getExecution().getRunId();
    for (PendingActivityInfo step : d.getPendingActivitiesList()) {
      if (step.getState() != PendingActivityState.PENDING_ACTIVITY_STATE_STARTED) {
        continue;
      }
      try {
        completions.completeExceptionally(
            workflowId,
            Optional.of(runId),
            step.getActivityId(),
            // Retried at once, not after the policy's first backoff: nothing is wrong with the
            // step, only with the worker that had it.
            ApplicationFailure.newFailureWithCauseAndDelay(
                "the install's worker restarted; the step is taken again",
                WORKER_RESTARTED,
                null,
                RETRY_AT_ONCE));
        LOG.info(
            "{}: {} retried at once: its worker restarted",
            installId,
            step.getActivityType().getName());
      } catch (ActivityNotExistsException | ActivityCompletionFailureException ended) {
        // finished or retried meanwhile: nothing to release
      }
    }
  }

  private UpdateView signalRunning(
      UUID installId, Consumer<UpdateHandle> signal, boolean mustBeCancellable) {
    installs.find(installId);
    UpdateView now = view(installId);
    if (!now.running()) {
      throw new RecordConflictException(
          "no update of install "
              + installId
              + " is running (the last one ended "
              + now.state()
              + ")");
    }
    if (mustBeCancellable && !now.cancellable()) {
      throw new RecordConflictException(
          "the update is " + now.state() + " and can no longer be cancelled; it rolls forward");
    }
    temporal(
        () -> {
          signal.accept(handle(installId));
          return null;
        });
    return view(installId);
  }

  private UpdateHandle handle(UUID installId) {
    return starter.latest(installId.toString());
  }

  private static void requireMode(Install install) {
    if (install.mode() == null) {
      throw new RecordConflictException(
          "install " + install.id() + " follows no mode now; switch it to one first");
    }
  }

  private static UpdateView.Progress progress(UpdateProgress p) {
    return p == null
        ? UpdateView.Progress.NONE
        : new UpdateView.Progress(
            p.bytesDone(),
            p.bytesTotal(),
            p.chunksDone(),
            p.chunksTotal(),
            p.filesDone(),
            p.filesTotal(),
            p.bytesPerSecond());
  }

  private static RecordNotFoundException noUpdate(UUID installId) {
    return new RecordNotFoundException("install " + installId + " has had no update yet");
  }

  private interface TemporalCall<T> {
    T call() throws TimeoutException;
  }

  /** A workflow Temporal does not know; the callers decide what that means. */
  private static final class NotThere extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Runs a call to Temporal. A workflow it does not know is {@link NotThere}; an unreachable or
   * overloaded Temporal, or one too slow to answer, is a 503, not a 500.
   */
  private static <T> T temporal(TemporalCall<T> call) {
    try {
      return call.call();
    } catch (WorkflowNotFoundException e) {
      throw new NotThere();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw new NotThere();
      }
      throw new TemporalUnavailableException("Temporal is unavailable: " + e.getStatus(), e);
    } catch (TimeoutException e) {
      throw new TemporalUnavailableException("Temporal did not answer in time", e);
    }
  }
}
