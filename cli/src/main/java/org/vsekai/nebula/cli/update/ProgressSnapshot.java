package org.vsekai.nebula.cli.update;

/**
 * What a progress display shows at one instant.
 *
 * @param state the update's state (the seed's names)
 * @param bytesDone bytes of the current step done (download or staging)
 * @param bytesTotal bytes of the current step
 * @param bytesPerSecond recent throughput of the step; 0 when unknown
 * @param paused whether the update is paused
 */
public record ProgressSnapshot(
    String state,
    String fromVersion,
    String toVersion,
    long bytesDone,
    long bytesTotal,
    long bytesPerSecond,
    boolean paused) {

  /** Seconds left at the current rate; -1 when unknown. */
  public long etaSeconds() {
    if (bytesPerSecond <= 0 || bytesTotal <= 0) {
      return -1;
    }
    return Math.max(0, (bytesTotal - bytesDone) / bytesPerSecond);
  }

  public int percent() {
    return bytesTotal <= 0 ? 0 : (int) Math.min(100, bytesDone * 100 / bytesTotal);
  }
}
