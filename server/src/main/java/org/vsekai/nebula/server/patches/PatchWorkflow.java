package org.vsekai.nebula.server.patches;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Makes one release's patches after it was published. The service's own work, like the TUF refresh:
 * the release is installable with chunks at once, and patches join its signed targets as this
 * finishes.
 */
@WorkflowInterface
public interface PatchWorkflow {
  @WorkflowMethod
  int makePatches(String product, String version);
}
