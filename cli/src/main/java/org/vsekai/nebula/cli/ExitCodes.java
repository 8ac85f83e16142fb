package org.vsekai.nebula.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * vsekai's exit codes: scripts and the GUI launcher branch on them. {@link #ALL} is the one list:
 * the help footer is made from it and a test holds the README's table to it.
 */
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

  /**
   * One code: its value, the word the help footer gives it, and what it means (the README's table
   * row).
   */
  public record Code(int value, String word, String meaning) {}

  public static final List<Code> ALL =
      List.of(
          new Code(OK, "ok", "done (updated, or already up to date)"),
          new Code(ERROR, "error", "an error not covered below"),
          new Code(
              USAGE,
              "usage",
              "bad arguments or options; a credential that would cross the network in plain"
                  + " text"),
          new Code(
              INVALID_DATA,
              "invalid data",
              "invalid data: corrupt chunk, malformed index or manifest, a file that does not"
                  + " match"),
          new Code(
              NOT_FOUND,
              "not found",
              "not found: no such install, version, mode, chunk in any store, file"),
          new Code(
              UNAVAILABLE,
              "unavailable",
              "unavailable: the service, a store or the install gateway could not be reached,"
                  + " refused the install, or an update gave up retrying"),
          new Code(
              REJECTED,
              "release refused",
              "release refused: release metadata refused by the TUF client (malformed, unknown"
                  + " specification version, threshold of signatures not met, rollback,"
                  + " expired/frozen, mix-and-match, endless data, hash mismatch, a target of"
                  + " another product or mode), downgrade, unsafe path"),
          new Code(
              DISK_FULL,
              "disk full",
              "not enough disk space, or a folder the update cannot write to"),
          new Code(CANCELLED, "cancelled", "the update was cancelled; the install is unchanged"),
          new Code(
              INTERRUPTED,
              "interrupted",
              "interrupted; a running update goes on when a worker for the install runs"));

  /** The help footer: every code and its word, wrapped to fit 80 columns. */
  public static String[] footer() {
    List<String> lines = new ArrayList<>(List.of("", "Exit codes:"));
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < ALL.size(); i++) {
      String item = ALL.get(i).value() + " " + ALL.get(i).word() + (i < ALL.size() - 1 ? "," : ".");
      if (line.length() + item.length() + 1 > 78) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() == 0 ? "  " : " ").append(item);
    }
    lines.add(line.toString());
    return lines.toArray(String[]::new);
  }

  private ExitCodes() {}
}
