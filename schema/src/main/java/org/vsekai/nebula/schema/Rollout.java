package org.vsekai.nebula.schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.vsekai.nebula.api.SemVer;

/**
 * A rollout as recorded: what it rolls out where, its state now and over time, and its waves.
 *
 * @param state Running, Paused, Halted, Aborted or Completed
 * @param reason why it is in that state; may be null
 * @param states its states over time, oldest first
 */
public record Rollout(
    UUID id,
    String product,
    SemVer version,
    String mode,
    double maxFailureRate,
    String workflowId,
    Instant createdAt,
    String state,
    String reason,
    List<Wave> waves,
    List<StatePeriod> states) {
  public Rollout {
    waves = List.copyOf(waves);
    states = List.copyOf(states);
  }

  /**
   * One wave, with the installs it reached and how their updates ended.
   *
   * @param percent the cumulative share of the fleet it reaches
   * @param state Pending, Running, Succeeded, Halted or Skipped
   * @param since when it entered its state
   */
  public record Wave(
      int index,
      int percent,
      long deadlineSeconds,
      String state,
      String reason,
      Instant since,
      long targeted,
      long succeeded,
      long failed,
      long cancelled) {}

  /** One state of the rollout and the period it was in it. */
  public record StatePeriod(String state, String reason, Instant validFrom, Instant validTo) {}
}
