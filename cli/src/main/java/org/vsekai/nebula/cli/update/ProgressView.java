package org.vsekai.nebula.cli.update;

import java.io.PrintWriter;

/** How a running update is shown: a bar on a terminal, lines in a log, JSON for programs. */
public interface ProgressView {
  void show(ProgressSnapshot s);

  /** Called once before the final summary, e.g. to end the bar's line. */
  void finish();

  static ProgressView choose(PrintWriter out, boolean json, boolean terminal) {
    if (json) {
      return new JsonProgressView(out);
    }
    return terminal ? new TerminalProgressBar(out) : new PlainProgressLines(out);
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format("%.1f KiB", n / 1024.0);
    }
    if (n < 1024L * 1024 * 1024) {
      return String.format("%.1f MiB", n / 1048576.0);
    }
    return String.format("%.2f GiB", n / 1073741824.0);
  }

  static String duration(long seconds) {
    if (seconds < 0) {
      return "--:--";
    }
    return seconds >= 3600
        ? String.format("%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60)
        : String.format("%d:%02d", seconds / 60, seconds % 60);
  }
}
