package org.vsekai.nebula.api.rest;

import java.time.Instant;
import java.util.List;

/**
 * A rollout schedule.
 *
 * @param scheduleId the Temporal Schedule's id ({@code temporal schedule describe --schedule-id})
 * @param cron its cron expression; null for a one-time schedule
 * @param startAt its one time; null for a cron schedule
 * @param nextRuns when it will start rollouts next (a few at most); empty once done
 */
public record RolloutScheduleInfo(
    String scheduleId, String cron, Instant startAt, List<Instant> nextRuns) {

  public RolloutScheduleInfo {
    nextRuns = nextRuns == null ? List.of() : List.copyOf(nextRuns);
  }
}
