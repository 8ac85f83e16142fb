package org.vsekai.nebula.workflows;

/** The seed's outer states, as an install's {@link LauncherWorkflow} goes through them. */
public enum LauncherState {
  /** Waiting for an update trigger: the periodic check's timer or {@code updateNow}. */
  IDLE,
  /** Running an update as its child (the seed's CheckForUpdates and Updating). */
  UPDATING,
  /** An update started elsewhere (e.g. {@code vsekai --update}) runs; waiting for it to end. */
  AWAITING_RUNNING_UPDATE,
  /**
   * A periodic check found no worker of the install: the launcher has ended, so an offline install
   * costs the service nothing. The install's worker starts a new launcher when it runs.
   */
  OFFLINE
}
