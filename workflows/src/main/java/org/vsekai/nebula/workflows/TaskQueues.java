package org.vsekai.nebula.workflows;

/**
 * Task queue names. Work that touches a player's disk runs on that install's own queue, served only
 * by the worker on the player's machine; work that touches the service's database runs on the
 * service's queue.
 */
public final class TaskQueues {

  /** The service's queue: {@code RecordActivities}, the rollout workflow and its activities. */
  public static final String SERVICE = "nebula-service";

  private static final String INSTALL_PREFIX = "install-";

  private TaskQueues() {}

  /** The queue of one install: its launcher and update workflows and all their local activities. */
  public static String forInstall(String installId) {
    return INSTALL_PREFIX + installId;
  }
}
