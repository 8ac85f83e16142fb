package org.vsekai.nebula.cli.update;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.vsekai.nebula.workflows.NebulaSearchAttributes;
import org.vsekai.nebula.workflows.UpdateResult;
import org.vsekai.nebula.workflows.UpdateStatus;
import org.vsekai.nebula.workflows.WorkflowIds;
import org.vsekai.nebula.workflows.client.UpdateStarter;

/**
 * An install's latest update as support staff see it in the Temporal UI: from the workflow's
 * description and search attributes, which need no worker, plus the live query when a worker is
 * there to answer it.
 */
public final class UpdateLookup {
  /** A query unanswered this long means no worker is serving the install right now. */
  private static final long QUERY_WAIT_MILLIS = 3000;

  private UpdateLookup() {}

  /**
   * @param paused null when unknown (no worker answered)
   * @param failure the failure message of a failed update
   */
  public record View(
      String state,
      String fromVersion,
      String toVersion,
      boolean running,
      Boolean paused,
      boolean cancellable,
      String failure) {}

  public static Optional<View> latest(WorkflowClient client, String installId) {
    WorkflowStub stub = client.newUntypedWorkflowStub(WorkflowIds.update(installId));
    WorkflowExecutionDescription d;
    try {
      d = stub.describe();
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) return Optional.empty();
      throw e;
    }
    SearchAttributes sa = d.getTypedSearchAttributes();
    String state = sa.get(NebulaSearchAttributes.UPDATE_STATE);
    boolean running = d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    Boolean paused = null;
    boolean cancellable = false;
    String failure = null;
    if (running) {
      UpdateStatus live = liveStatus(client, installId);
      if (live != null) {
        paused = live.paused();
        cancellable = live.cancellable();
        state = live.state().label();
      }
    } else if (d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED) {
      try {
        stub.getResult(1, TimeUnit.SECONDS, UpdateResult.class);
      } catch (WorkflowFailedException e) {
        failure =
            e.getCause() instanceof ApplicationFailure af
                ? af.getOriginalMessage()
                : String.valueOf(e.getCause());
      } catch (Exception e) {
        failure = e.getMessage();
      }
    }
    return Optional.of(
        new View(
            state,
            sa.get(NebulaSearchAttributes.FROM_VERSION),
            sa.get(NebulaSearchAttributes.TO_VERSION),
            running,
            paused,
            cancellable,
            failure));
  }

  private static UpdateStatus liveStatus(WorkflowClient client, String installId) {
    CompletableFuture<UpdateStatus> q =
        CompletableFuture.supplyAsync(() -> new UpdateStarter(client).latest(installId).status());
    try {
      return q.get(QUERY_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (Exception noWorkerAnswered) {
      q.cancel(true);
      return null;
    }
  }
}
