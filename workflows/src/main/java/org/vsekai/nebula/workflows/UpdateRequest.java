package org.vsekai.nebula.workflows;

import java.time.Duration;

/**
 * What an {@link UpdateWorkflow} is asked to do.
 *
 * <p>No install folder and no service address: the worker on {@code install-<installId>} serves
 * exactly one install and its activities are built with that folder and the service's address from
 * the player's config. Keeping them out of the request keeps players' local paths (which often hold
 * their user names) out of the server's history, and means a rollout on the service can start an
 * update without knowing where the game lives on a player's disk.
 *
 * @param installId the install's id; names the workflow and the task queue
 * @param product the product the install holds, e.g. {@code v-sekai}
 * @param mode the release mode the install follows, e.g. {@code stable}
 * @param targetVersion a version to install instead of the highest one valid in the mode (a rollout
 *     pins its version); null for the highest
 * @param allowDowngrade whether a version lower than the installed one may be installed
 * @param maxBytesPerSecond the download's bandwidth cap; 0 for none
 * @param trigger what started this update
 * @param rolloutId the rollout this update belongs to; null unless {@code trigger} is ROLLOUT
 * @param workerWait how long the check waits for a worker of the install to take it before the
 *     update ends {@code INSTALL_OFFLINE}; null for the default of the trigger ({@link
 *     UpdateActivityPolicies#SCHEDULED_CHECK_WAIT} for periodic checks, {@link
 *     UpdateActivityPolicies#REQUESTED_CHECK_WAIT} otherwise)
 * @param retryFor how long each step on the install's machine is retried through transient failures
 *     (an unreachable service, a locked file, a worker offline) before the update gives up and ends
 *     failed; the install's policy. Null for {@link UpdateActivityPolicies#DEFAULT_RETRY_FOR}
 */
public record UpdateRequest(
    String installId,
    String product,
    String mode,
    String targetVersion,
    boolean allowDowngrade,
    long maxBytesPerSecond,
    UpdateTrigger trigger,
    String rolloutId,
    Duration workerWait,
    Duration retryFor) {

  /** A request for the highest version valid in the mode, without a cap or a rollout. */
  public static UpdateRequest latest(
      String installId, String product, String mode, UpdateTrigger trigger) {
    return new UpdateRequest(installId, product, mode, null, false, 0, trigger, null, null, null);
  }
}
