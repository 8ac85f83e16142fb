package org.vsekai.nebula.server.rollout;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The id under which the service records the process of one update run: a UUID named by the run's
 * workflow id and run id, as {@code RecordActivitiesImpl} derives it from the update's first
 * record. A rollout knows the run as soon as it starts it, so it can count the run's result later
 * without the update ever naming the rollout.
 */
public final class UpdateProcessIds {
  private UpdateProcessIds() {}

  public static UUID forRun(String workflowId, String runId) {
    return UUID.nameUUIDFromBytes((workflowId + "/" + runId).getBytes(StandardCharsets.UTF_8));
  }
}
