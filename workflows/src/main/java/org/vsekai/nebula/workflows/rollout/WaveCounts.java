package org.vsekai.nebula.workflows.rollout;

/**
 * The results of one wave's updates so far.
 *
 * @param targeted installs the wave triggered
 * @param succeeded updates that ended in UpdateSuccessful
 * @param failed updates that ended in UpdateFailed
 * @param cancelled updates cancelled by a player or support staff: finished, but not a verdict on
 *     the release
 * @param sampleFailure why one of the failed updates failed, to say in a halt's reason; null when
 *     none failed
 */
public record WaveCounts(
    long targeted, long succeeded, long failed, long cancelled, String sampleFailure) {

  public static final WaveCounts NONE = new WaveCounts(0, 0, 0, 0, null);

  /** Updates that ended, however. */
  public long finished() {
    return succeeded + failed + cancelled;
  }

  /** Updates not ended yet: running, or waiting for an offline install's worker. */
  public long unfinished() {
    return Math.max(0, targeted - finished());
  }

  /**
   * failed / (finished + unfinished), that is failed / targeted: an update still unfinished at the
   * deadline counts as timed out, in the denominator but not as a failure. Because the denominator
   * is the wave's size from the start, a rate above the threshold is final as soon as it is
   * reached, and the wave halts without waiting for the rest.
   */
  public double failureRate() {
    return targeted == 0 ? 0 : (double) failed / targeted;
  }
}
