package org.vsekai.nebula.workflows;

/** What started an update; recorded with it so the service can tell rollouts from players. */
public enum UpdateTrigger {
  /** A player ran {@code vsekai --update DIR} or asked the launcher to update now. */
  MANUAL,
  /** The launcher's periodic check. */
  SCHEDULED,
  /** A rollout wave. */
  ROLLOUT
}
