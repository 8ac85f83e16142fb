package org.vsekai.nebula.server.tuf;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One scheduled refresh of the TUF metadata ({@link TufRefreshSchedule}). Lives beside the service
 * rather than in the workflows module: it is the service's own housekeeping, run by its worker, and
 * no install ever sees it.
 */
@WorkflowInterface
public interface TufRefreshWorkflow {
  @WorkflowMethod
  TufRefreshReport refresh();
}
