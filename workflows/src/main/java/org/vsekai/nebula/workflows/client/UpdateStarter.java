package org.vsekai.nebula.workflows.client;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.util.Objects;
import org.vsekai.nebula.workflows.NebulaSearchAttributes;
import org.vsekai.nebula.workflows.TaskQueues;
import org.vsekai.nebula.workflows.UpdateRequest;
import org.vsekai.nebula.workflows.UpdateState;
import org.vsekai.nebula.workflows.UpdateWorkflow;
import org.vsekai.nebula.workflows.WorkflowIds;

/**
 * Starts an install's update, or attaches to the one already running: every trigger (the CLI, a
 * rollout, support staff) goes through here so there is never more than one update per install.
 * Client code: it calls the Temporal service, so never use it from workflow code.
 */
public final class UpdateStarter {

  private final WorkflowClient client;

  public UpdateStarter(WorkflowClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Starts {@code update-<installId>} with {@code request}, or, if an update of that install is
   * running, returns a handle to it (its own request stands; {@code request} is dropped). A
   * finished earlier update does not block a new one.
   */
  public UpdateHandle startOrAttach(UpdateRequest request) {
    Objects.requireNonNull(request.installId(), "request.installId");
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(WorkflowIds.update(request.installId()))
            .setTaskQueue(TaskQueues.SERVICE)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            // Set at start, not only by the workflow: an update waiting for an offline player's
            // worker can already be found by install, in state Idle.
            .setTypedSearchAttributes(startAttributes(request))
            .build();
    UpdateWorkflow update = client.newWorkflowStub(UpdateWorkflow.class, options);
    try {
      WorkflowExecution started = WorkflowClient.start(update::update, request);
      return new UpdateHandle(client, started, false);
    } catch (WorkflowExecutionAlreadyStarted running) {
      return new UpdateHandle(client, running.getExecution(), true);
    }
  }

  private static SearchAttributes startAttributes(UpdateRequest request) {
    SearchAttributes.Builder attributes =
        SearchAttributes.newBuilder()
            .set(NebulaSearchAttributes.INSTALL_ID, request.installId())
            .set(NebulaSearchAttributes.PRODUCT, request.product())
            .set(NebulaSearchAttributes.MODE, request.mode())
            .set(NebulaSearchAttributes.UPDATE_STATE, UpdateState.IDLE.label());
    // The workflow never changes it, so setting it at start is enough for RolloutId="..." to
    // list every update a rollout started, including those still waiting for an offline worker.
    if (request.rolloutId() != null) {
      attributes.set(NebulaSearchAttributes.ROLLOUT_ID, request.rolloutId());
    }
    return attributes.build();
  }

  /** A handle to the install's latest update, running or ended, without starting one. */
  public UpdateHandle latest(String installId) {
    WorkflowExecution latest =
        WorkflowExecution.newBuilder().setWorkflowId(WorkflowIds.update(installId)).build();
    return new UpdateHandle(client, latest, true);
  }
}
