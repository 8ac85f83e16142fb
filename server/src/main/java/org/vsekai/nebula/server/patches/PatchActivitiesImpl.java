package org.vsekai.nebula.server.patches;

import io.temporal.activity.Activity;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.vsekai.nebula.api.SemVer;

/** Runs {@link PatchJobs#run} inside an activity, heartbeating after each patch. */
public final class PatchActivitiesImpl implements PatchActivities {
  private final PatchJobs jobs;

  public PatchActivitiesImpl(PatchJobs jobs) {
    this.jobs = jobs;
  }

  @Override
  public int makePatches(String product, String version) {
    try {
      return jobs.run(
              product, SemVer.parse(version), () -> Activity.getExecutionContext().heartbeat(null))
          .made();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
