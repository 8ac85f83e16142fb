package org.vsekai.nebula.workflows.rollout;

/**
 * The first record of a rollout: the rollout, its waves as Pending, its state Running.
 *
 * @param request the rollout, with its id
 * @param workflowId the workflow running it, so the service can signal it
 */
public record RolloutOpening(RolloutRequest request, String workflowId) {}
