package org.vsekai.nebula.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Work the service does for an update, on the service's task queue ({@code nebula-service}),
 * implemented in the {@code server} module.
 */
@ActivityInterface
public interface RecordActivities {

  /**
   * Writes an update process to the 6NF tables: the first record of an update (no {@code
   * updateProcessId}) creates the process and opens its validity; a later one with the id returned
   * here records how it ended. Must be idempotent: the same record may arrive twice.
   */
  @ActivityMethod
  RecordReceipt record(UpdateRecord record);
}
