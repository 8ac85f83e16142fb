package org.vsekai.nebula.workflows.rollout;

/**
 * A rollout entering a state. An ending state also skips the waves still Pending.
 *
 * @param rolloutId the rollout
 * @param state the state it enters
 * @param reason why; null for none
 */
public record RolloutStateChange(String rolloutId, RolloutState state, String reason) {}
