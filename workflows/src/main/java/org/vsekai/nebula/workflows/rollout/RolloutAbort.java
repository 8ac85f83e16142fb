package org.vsekai.nebula.workflows.rollout;

/**
 * The {@code abort} signal.
 *
 * @param reason why, recorded with the rollout; null for none given
 */
public record RolloutAbort(String reason) {}
