package org.vsekai.nebula.workflows.rollout;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Workflow ids of rollouts. A rollout started by hand runs as {@code rollout-<rolloutId>}; a
 * schedule names its runs itself (its workflow id plus the time it fired), so those rollouts take
 * an id derived from the workflow id: the same in every replay and after continue-as-new, and a
 * different one for each firing of a cron schedule.
 */
public final class RolloutIds {

  private static final String PREFIX = "rollout-";
  private static final String SCHEDULED_PREFIX = "rollout-scheduled-";

  private RolloutIds() {}

  /** The workflow id of a rollout started by hand. */
  public static String workflowId(String rolloutId) {
    return PREFIX + rolloutId;
  }

  /** The workflow id (before the schedule appends its time) of the runs of {@code scheduleId}. */
  public static String scheduledWorkflowId(String scheduleId) {
    return SCHEDULED_PREFIX + scheduleId;
  }

  /** The rollout id of a run whose request carried none: a UUID named by its workflow id. */
  public static String forWorkflow(String workflowId) {
    return UUID.nameUUIDFromBytes(workflowId.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
