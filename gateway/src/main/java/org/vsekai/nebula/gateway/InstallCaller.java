package org.vsekai.nebula.gateway;

import org.vsekai.nebula.workflows.TaskQueues;

/** The one install a gateway call acts for, as its credential proved. */
public record InstallCaller(String installId) {

  /** The only task queue this caller may poll. */
  public String taskQueue() {
    return TaskQueues.forInstall(installId);
  }

  /**
   * What Temporal records as the worker's identity. The SDK's default is {@code pid@hostname}, and
   * a player's host name is theirs, not ours to keep in every history.
   */
  public String identity() {
    return "install:" + installId;
  }
}
