package org.vsekai.nebula.workflows.rollout;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One staged rollout: a version reaches a mode's installs wave by wave, and the rollout halts by
 * itself after a wave whose failure rate passes the threshold. Runs on the service's task queue as
 * {@code rollout-<rolloutId>} ({@link RolloutIds}); its activities are {@link RolloutActivities}.
 */
@WorkflowInterface
public interface RolloutWorkflow {

  /** Runs every wave, or stops at a halt or an abort; returns how it ended. */
  @WorkflowMethod
  RolloutResult run(RolloutInput input);

  /**
   * Triggers no further install and starts no further wave until {@link #resume}. Updates already
   * started go on, and the running wave keeps counting them and keeps its deadline, so a wave can
   * still halt the rollout while it is paused.
   */
  @SignalMethod
  void pause();

  @SignalMethod
  void resume();

  /**
   * Ends the rollout: no further install is triggered and no further wave starts. Updates already
   * started are left to finish (an update is never stopped half-way by a rollout; support staff can
   * cancel single ones).
   */
  @SignalMethod
  void abort(RolloutAbort request);

  /** Every wave's state and counts; answered from the worker's memory, so it adds no history. */
  @QueryMethod
  RolloutProgress progress();
}
