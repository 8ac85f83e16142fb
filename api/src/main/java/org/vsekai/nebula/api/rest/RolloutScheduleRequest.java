package org.vsekai.nebula.api.rest;

import java.time.Instant;

/**
 * {@code POST /api/v1/rollouts/schedules}: start {@code rollout} at a time or on a cron schedule,
 * through a Temporal Schedule. Exactly one of {@code cron} and {@code startAt}.
 *
 * @param rollout what each run rolls out
 * @param cron a cron expression (UTC), e.g. {@code 0 9 * * 2} for Tuesdays at 09:00; each firing
 *     starts a new rollout
 * @param startAt the one time to start it
 */
public record RolloutScheduleRequest(RolloutStart rollout, String cron, Instant startAt) {}
