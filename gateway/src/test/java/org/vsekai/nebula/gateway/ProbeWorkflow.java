package org.vsekai.nebula.gateway;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Runs on the service's worker and sends one activity to an install's queue. */
@WorkflowInterface
public interface ProbeWorkflow {
  @WorkflowMethod
  String run(String installId);

  @SignalMethod
  void poke();
}
