package org.vsekai.nebula.workflows;

/**
 * The {@code updateNow} signal of a {@link LauncherWorkflow}.
 *
 * @param trigger who asks: MANUAL for a player, ROLLOUT for a rollout wave
 * @param targetVersion a version to install instead of the mode's highest; null for the highest
 * @param rolloutId the rollout asking; null unless {@code trigger} is ROLLOUT
 */
public record UpdateNowRequest(UpdateTrigger trigger, String targetVersion, String rolloutId) {

  /** A player's request for the mode's highest version. */
  public static UpdateNowRequest manual() {
    return new UpdateNowRequest(UpdateTrigger.MANUAL, null, null);
  }
}
