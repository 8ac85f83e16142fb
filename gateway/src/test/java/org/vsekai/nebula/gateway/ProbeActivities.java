package org.vsekai.nebula.gateway;

import io.temporal.activity.ActivityInterface;

/** An activity a player's worker runs, on its install's queue. */
@ActivityInterface
public interface ProbeActivities {
  String echo(String text);
}
