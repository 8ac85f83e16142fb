package org.vsekai.nebula.server.patches;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Making a release's patches, on {@code nebula-service}; idempotent. */
@ActivityInterface
public interface PatchActivities {
  /** Makes and records the patches of a release ({@link PatchMaker}); returns how many. */
  @ActivityMethod(name = "MakePatches")
  int makePatches(String product, String version);
}
