package org.vsekai.nebula.schema;

import java.util.UUID;

/**
 * Reading recorded rollouts, as support and release engineers do. {@link RolloutRepository}, which
 * the rollout workflow writes through, implements it.
 */
public interface RolloutRecords {
  /**
   * The rollout with its waves' live counts and its states over time.
   *
   * @throws RecordNotFoundException there is no such rollout
   */
  Rollout find(UUID rolloutId);

  /**
   * Rollouts newest first. The waves carry the counts recorded with their state (cancelled updates
   * are not recorded there, so 0), which costs nothing; {@link #find} counts live.
   */
  Listing<Rollout> list(String cursor, int limit);
}
