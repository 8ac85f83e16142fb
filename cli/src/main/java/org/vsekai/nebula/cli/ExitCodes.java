package org.vsekai.nebula.cli;

/** vsekai's exit codes, documented in the README: scripts and the GUI launcher branch on them. */
public final class ExitCodes {
  public static final int OK = 0;

  /** Anything not covered below; the message says what. */
  public static final int ERROR = 1;

  /** Bad arguments or options (picocli's own code for them). */
  public static final int USAGE = 2;

  /** Data failed a check: corrupt chunk, malformed index, a file that does not match. */
  public static final int INVALID_DATA = 3;

  /** Something named does not exist: a file, an index, a chunk in every store. */
  public static final int NOT_FOUND = 4;

  /** A store or service could not be reached or answered with an error. */
  public static final int UNAVAILABLE = 5;

  /** A release was refused: bad signature, untrusted key, expired, downgrade, unsafe path. */
  public static final int REJECTED = 6;

  /** Not enough free disk space for the update, or a folder it cannot write to. */
  public static final int DISK_FULL = 7;

  /** The update was cancelled (vsekai cancel, or support staff); the install is unchanged. */
  public static final int CANCELLED = 8;

  /** Interrupted (Ctrl-C). */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
