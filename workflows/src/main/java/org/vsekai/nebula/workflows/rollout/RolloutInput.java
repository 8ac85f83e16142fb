package org.vsekai.nebula.workflows.rollout;

/**
 * The input of every run of a {@link RolloutWorkflow}.
 *
 * @param request the rollout
 * @param memory what the previous run carried over; null for the first run
 */
public record RolloutInput(RolloutRequest request, RolloutMemory memory) {

  public static RolloutInput start(RolloutRequest request) {
    return new RolloutInput(request, null);
  }
}
