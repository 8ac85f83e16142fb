package org.vsekai.nebula.cli;

/** Whether output goes to a person at a terminal (progress bar) or to a pipe or log (lines). */
public final class Terminal {
  private Terminal() {}

  public static boolean isInteractive() {
    if ("dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    return System.console() != null;
  }
}
