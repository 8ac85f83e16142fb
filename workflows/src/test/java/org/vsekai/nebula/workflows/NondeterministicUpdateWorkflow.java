package org.vsekai.nebula.workflows;

import io.temporal.workflow.Workflow;
import org.vsekai.nebula.workflows.activities.PrepareRequest;
import org.vsekai.nebula.workflows.activities.UpdateActivities;

/**
 * An UpdateWorkflow that changed incompatibly: it prepares before it checks. Replaying a recorded
 * history against it must fail, which shows the replay test can catch such a change.
 */
public class NondeterministicUpdateWorkflow implements UpdateWorkflow {

  private final UpdateActivities activities =
      Workflow.newActivityStub(UpdateActivities.class, UpdateActivityPolicies.PREPARE);

  @Override
  public UpdateResult update(UpdateRequest request) {
    activities.prepare(
        new PrepareRequest(
            request.installId(), request.product(), request.mode(), null, null, false));
    return null;
  }

  @Override
  public UpdateStatus status() {
    return null;
  }

  @Override
  public void pause() {}

  @Override
  public void resume() {}

  @Override
  public void cancel() {}
}
