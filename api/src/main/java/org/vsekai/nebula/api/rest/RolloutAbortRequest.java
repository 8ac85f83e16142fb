package org.vsekai.nebula.api.rest;

/**
 * {@code POST /api/v1/rollouts/{id}/abort}.
 *
 * @param reason why, recorded with the rollout; may be null
 */
public record RolloutAbortRequest(String reason) {}
