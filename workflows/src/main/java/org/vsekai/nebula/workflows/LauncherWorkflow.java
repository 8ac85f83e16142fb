package org.vsekai.nebula.workflows;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One per install, for as long as the install exists: waits in Idle, checks for updates every
 * {@link LauncherConfig#checkInterval} (never, for a manual-only install) and on {@link
 * #updateNow}, and runs each update as a child {@link UpdateWorkflow}. Runs as {@code
 * launcher-<installId>} ({@link WorkflowIds#launcher}) on the service's queue, started by the
 * service when the install's worker comes online; it ends when a periodic check finds the install
 * offline ({@link LauncherState#OFFLINE}).
 */
@WorkflowInterface
public interface LauncherWorkflow {

  /**
   * Returns only when a periodic check finds the install offline; otherwise continues as new with
   * its {@link LauncherMemory} to keep its history short.
   */
  @WorkflowMethod
  void run(LauncherInput input);

  /**
   * Asks for an update as soon as possible. While an update is already running the request is
   * absorbed by it (the running update is the one this trigger attaches to); when Idle, the update
   * starts at once.
   */
  @SignalMethod
  void updateNow(UpdateNowRequest request);

  /**
   * The install now follows {@code mode} (the player ran {@code vsekai mode switch}): every later
   * update asks for it. An update already running finishes in the mode it started with.
   */
  @SignalMethod
  void switchMode(String mode);

  @QueryMethod
  LauncherStatus status();
}
