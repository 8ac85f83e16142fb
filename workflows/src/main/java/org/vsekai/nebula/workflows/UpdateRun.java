package org.vsekai.nebula.workflows;

import org.vsekai.nebula.workflows.activities.UpdatePlan;

/**
 * One update's state as its workflow keeps it: the step it is in, the versions, the plan, the
 * progress, the bytes fetched and how it failed. In one object, as samples-java's cluster manager
 * keeps its state, so what {@code status}, the records and the result report is read from one
 * place. Only the workflow thread touches it.
 */
final class UpdateRun {
  UpdateState state = UpdateState.IDLE;
  String fromVersion;
  String toVersion;
  UpdatePlan plan;
  UpdateProgress progress = UpdateProgress.NONE;
  long bytesFetched;
  long chunksFetched;
  String failureMessage;
  boolean installOffline;
}
