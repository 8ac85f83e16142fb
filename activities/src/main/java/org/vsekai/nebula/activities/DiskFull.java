package org.vsekai.nebula.activities;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.vsekai.nebula.workflows.UpdateFailures;

/**
 * Recognises a write that failed for want of space by its cause, not its text: the JDK reports "no
 * space left" in the operating system's own words and language, so the message says nothing
 * reliable. A failed I/O step is taken as disk-full when the volume now has less room than the step
 * still had to write: then no retry can succeed until the player frees some.
 */
final class DiskFull {
  /** Room counted as "none" besides what a step still writes: files, records, directories. */
  static final long SLACK = 1L << 20;

  private DiskFull() {}

  /**
   * @param where a folder on the volume the step writes to
   * @param stillToWrite bytes the step had yet to write when it failed (0 for bookkeeping only)
   */
  static boolean is(Throwable failure, Path where, DiskSpace disk, long stillToWrite) {
    if (!causedByIo(failure)) {
      return false;
    }
    try {
      return disk.usableBytes(where) < Math.max(0, stillToWrite) + SLACK;
    } catch (IOException | RuntimeException cannotTell) {
      return false;
    }
  }

  /** The failure to throw instead: retrying cannot make room, the player has to. */
  static UpdateFailure failure(Path where, DiskSpace disk, long stillToWrite, Throwable cause) {
    long free;
    try {
      free = disk.usableBytes(where);
    } catch (IOException e) {
      free = 0;
    }
    return new UpdateFailure(
        UpdateFailures.INSUFFICIENT_DISK_SPACE,
        "the disk is full: "
            + mib(free)
            + " MiB free, "
            + mib(stillToWrite + SLACK)
            + " MiB needed to go on; free some space and update again",
        cause);
  }

  private static boolean causedByIo(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException || c instanceof UncheckedIOException) {
        return true;
      }
    }
    return false;
  }

  private static long mib(long bytes) {
    return (bytes + (1 << 20) - 1) >> 20;
  }
}
