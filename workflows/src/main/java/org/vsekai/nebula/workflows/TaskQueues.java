package org.vsekai.nebula.workflows;

/**
 * Task queue names. Work that touches a player's disk runs on that install's own queue, served only
 * by the worker on the player's machine; work that touches the service's database runs on the
 * service's queue.
 */
public final class TaskQueues {

  /**
   * The service's queue: the update, launcher and rollout workflows, {@code RecordActivities} and
   * the rollout's activities.
   */
  public static final String SERVICE = "nebula-service";

  private static final String INSTALL_PREFIX = "install-";

  private TaskQueues() {}

  /** The queue of one install: the activities of its updates that run on the player's machine. */
  public static String forInstall(String installId) {
    return INSTALL_PREFIX + installId;
  }
}
