package org.vsekai.nebula.workflows;

/**
 * Workflow ids, one of each kind per install. Fixed ids are what make a second trigger attach to
 * the running update instead of starting another, and let support staff find an install's workflows
 * without knowing a run id.
 */
public final class WorkflowIds {

  private WorkflowIds() {}

  /** The id every {@link UpdateWorkflow} of an install runs under, one run at a time. */
  public static String update(String installId) {
    return "update-" + installId;
  }

  /** The id of an install's single, long-lived {@link LauncherWorkflow}. */
  public static String launcher(String installId) {
    return "launcher-" + installId;
  }
}
