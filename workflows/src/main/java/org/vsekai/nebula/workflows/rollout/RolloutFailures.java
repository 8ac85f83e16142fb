package org.vsekai.nebula.workflows.rollout;

import java.util.List;

/** Failure types that end a rollout at once: retrying cannot change them. */
public final class RolloutFailures {

  /** The request is unusable (no waves, a threshold above 1, ...); the message says why. */
  public static final String INVALID_ROLLOUT = "InvalidRollout";

  /** The service refuses it: an unknown product, mode or version, or another rollout's id. */
  public static final String ROLLOUT_REFUSED = "RolloutRefused";

  public static final List<String> NON_RETRYABLE = List.of(INVALID_ROLLOUT, ROLLOUT_REFUSED);

  private RolloutFailures() {}
}
