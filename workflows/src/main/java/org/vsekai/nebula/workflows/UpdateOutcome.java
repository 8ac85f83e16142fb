package org.vsekai.nebula.workflows;

/** How an update that did not fail ended. A failed update ends the workflow failed instead. */
public enum UpdateOutcome {
  /** The install already had the version to install; nothing was touched. */
  NO_UPDATE,
  /** The new version is installed. */
  UPDATED,
  /** Cancelled by the {@code cancel} signal before finalizing; the old install is untouched. */
  CANCELLED,
  /**
   * No worker of the install took the check in time: the player is offline. Nothing was touched and
   * nothing is recorded; the next trigger after the player is back starts over.
   */
  INSTALL_OFFLINE
}
