package org.vsekai.nebula.server.tuf;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The service's TUF refresh as an activity on {@code nebula-service}; idempotent. */
@ActivityInterface
public interface TufRefreshActivities {
  /** Signs and stores whatever metadata is due ({@link TufPublisher#refresh}). */
  @ActivityMethod(name = "RefreshTufMetadata")
  TufRefreshReport refresh();
}
