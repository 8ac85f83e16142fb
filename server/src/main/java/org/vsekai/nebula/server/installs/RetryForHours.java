package org.vsekai.nebula.server.installs;

import java.time.Duration;
import org.vsekai.nebula.api.rest.UpdateStart;
import org.vsekai.nebula.server.core.InvalidRequestException;

/**
 * An install's retry deadline as it asks for it: whole hours, 0 for the default, at most {@link
 * UpdateStart#MAX_RETRY_FOR_HOURS}. It only ever bounds that install's own updates.
 */
public final class RetryForHours {
  private RetryForHours() {}

  /** Refuses a value out of range with a 400. */
  public static void check(long hours) {
    if (hours < 0 || hours > UpdateStart.MAX_RETRY_FOR_HOURS) {
      throw new InvalidRequestException(
          "retryForHours must be between 0 (the default) and " + UpdateStart.MAX_RETRY_FOR_HOURS);
    }
  }

  /** The deadline for the workflow; null for its default. */
  public static Duration duration(long hours) {
    return hours == 0 ? null : Duration.ofHours(hours);
  }
}
