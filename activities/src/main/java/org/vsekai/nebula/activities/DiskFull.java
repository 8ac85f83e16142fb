package org.vsekai.nebula.activities;

import java.io.IOException;
import org.vsekai.nebula.workflows.UpdateFailures;

/** Recognises "no space left on device" in whatever form the JDK reports it. */
final class DiskFull {
  private DiskFull() {}

  static boolean is(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = c.getMessage();
      if (c instanceof IOException
          && m != null
          && (m.contains("No space left on device")
              || m.contains("There is not enough space on the disk"))) {
        return true;
      }
    }
    return false;
  }

  /** The failure to throw instead: retrying cannot make room, the player has to. */
  static UpdateFailure failure(String step, Throwable cause) {
    return new UpdateFailure(
        UpdateFailures.INSUFFICIENT_DISK_SPACE,
        "the disk filled up while " + step + "; free some space and update again",
        cause);
  }
}
