package org.vsekai.nebula.activities;

import java.io.IOException;
import org.vsekai.nebula.activities.local.Json;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.workflows.UpdateFailures;

/** Reads the plan prepare wrote; a missing plan is a broken update, not something to retry. */
final class PlanFiles {
  private PlanFiles() {}

  static StoredPlan read(LauncherFolder folder, String planId) throws IOException {
    if (planId == null || !planId.matches("[0-9A-Za-z.+-]+")) {
      throw new UpdateFailure(UpdateFailures.INVALID_REQUEST, "'" + planId + "' is not a plan id");
    }
    return Json.read(folder.plan(planId), StoredPlan.class)
        .orElseThrow(
            () ->
                new UpdateFailure(
                    UpdateFailures.INVALID_INSTALL,
                    "the plan "
                        + planId
                        + " is gone from "
                        + folder.plans()
                        + " (was the folder cleaned?)"));
  }
}
