package org.vsekai.nebula.workflows;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;

/**
 * What went wrong, in the failing code's own words, for the messages the workflows record: the
 * update's failure text and a rollout's halt reason. Deterministic: it reads only the failure.
 */
public final class FailureMessages {
  private FailureMessages() {}

  /** The cause without Temporal's wrapping; a timeout says which, and what failed before it. */
  public static String causeOf(Throwable failure) {
    Throwable t = failure;
    while (t instanceof ActivityFailure && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof TimeoutFailure timeout) {
      String last = timeout.getCause() == null ? "" : ": " + causeOf(timeout.getCause());
      return "timed out (" + timeout.getTimeoutType() + ")" + last;
    }
    if (t instanceof TemporalFailure temporal) {
      return temporal.getOriginalMessage();
    }
    return String.valueOf(t.getMessage());
  }
}
