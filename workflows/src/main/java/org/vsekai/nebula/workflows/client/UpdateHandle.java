package org.vsekai.nebula.workflows.client;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowTargetOptions;
import io.temporal.common.converter.DataConverter;
import java.util.Optional;
import org.vsekai.nebula.workflows.UpdateResult;
import org.vsekai.nebula.workflows.UpdateState;
import org.vsekai.nebula.workflows.UpdateStatus;
import org.vsekai.nebula.workflows.UpdateWorkflow;
import org.vsekai.nebula.workflows.activities.ApplyHeartbeat;
import org.vsekai.nebula.workflows.activities.DownloadHeartbeat;
import org.vsekai.nebula.workflows.activities.UpdateActivities;

/**
 * One update of one install, as a client sees it: query, signal, await. Queries are answered by the
 * install's worker, so they need it running; {@link #result} does not.
 */
public final class UpdateHandle {

  private final WorkflowClient client;
  private final WorkflowExecution execution;
  private final boolean attached;

  UpdateHandle(WorkflowClient client, WorkflowExecution execution, boolean attached) {
    this.client = client;
    this.execution = execution;
    this.attached = attached;
  }

  public String workflowId() {
    return execution.getWorkflowId();
  }

  /** The run this handle follows; empty when it follows whichever run is the latest. */
  public String runId() {
    return execution.getRunId();
  }

  /** Whether this handle joined an update that was already running instead of starting one. */
  public boolean attached() {
    return attached;
  }

  /** The workflow's own view: state, and progress as of the last finished download batch. */
  public UpdateStatus status() {
    return stub().status();
  }

  /**
   * {@link #status()} plus the running activity's last heartbeat: bytes and chunks of the batch
   * being downloaded, or files staged so far. Costs a query and a DescribeWorkflowExecution;
   * heartbeats add no history, which is why fine progress travels this way (see {@code
   * UpdateWorkflowImpl}).
   */
  public UpdateStatus liveStatus() {
    UpdateStatus status = status();
    if (status.state() != UpdateState.DOWNLOADING_UPDATE
        && status.state() != UpdateState.APPLYING_UPDATE) {
      return status;
    }
    DataConverter converter = client.getOptions().getDataConverter();
    var description =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setExecution(execution)
                    .build());
    for (PendingActivityInfo activity : description.getPendingActivitiesList()) {
      if (!activity.hasHeartbeatDetails()) {
        continue;
      }
      String type = activity.getActivityType().getName();
      if (type.equals(UpdateActivities.DOWNLOAD_CHUNKS)) {
        DownloadHeartbeat beat =
            converter.fromPayloads(
                0,
                Optional.of(activity.getHeartbeatDetails()),
                DownloadHeartbeat.class,
                DownloadHeartbeat.class);
        // A heartbeat of a batch the query has already counted must not count twice.
        if (beat != null && beat.batchIndex() == status.progress().batchesDone()) {
          return status.withProgress(
              status.progress().plusRunningBatch(beat.chunksDone(), beat.bytesDone()));
        }
      } else if (type.equals(UpdateActivities.APPLY)) {
        ApplyHeartbeat beat =
            converter.fromPayloads(
                0,
                Optional.of(activity.getHeartbeatDetails()),
                ApplyHeartbeat.class,
                ApplyHeartbeat.class);
        if (beat != null) {
          return status.withProgress(status.progress().withFilesDone(beat.filesDone()));
        }
      }
    }
    return status;
  }

  public void pause() {
    stub().pause();
  }

  public void resume() {
    stub().resume();
  }

  /** Asks the update to cancel; honoured only before FinalizingUpdate (see {@link #status()}). */
  public void cancel() {
    stub().cancel();
  }

  /**
   * Waits for the update to end and returns how; a failed update throws {@code
   * WorkflowFailedException} whose cause is the {@code ApplicationFailure} with the type and
   * message.
   */
  public UpdateResult result() {
    return WorkflowStub.fromTyped(stub()).getResult(UpdateResult.class);
  }

  private UpdateWorkflow stub() {
    // An empty run id targets whichever run is the latest.
    return client.newWorkflowStub(
        UpdateWorkflow.class,
        WorkflowTargetOptions.newBuilder().setWorkflowExecution(execution).build());
  }
}
