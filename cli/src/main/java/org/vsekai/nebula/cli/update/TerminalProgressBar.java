package org.vsekai.nebula.cli.update;

import java.io.PrintWriter;

/** One line redrawn in place: state, a bar, bytes, rate and ETA. */
final class TerminalProgressBar implements ProgressView {
  private static final int WIDTH = 30;
  private final PrintWriter out;
  private boolean drawn;

  TerminalProgressBar(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void show(ProgressSnapshot s) {
    int filled = s.percent() * WIDTH / 100;
    String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
    String line =
        String.format(
            "%-18s [%s] %3d%% %s / %s  %s/s  ETA %s%s",
            s.state(),
            bar,
            s.percent(),
            ProgressView.bytes(s.bytesDone()),
            ProgressView.bytes(s.bytesTotal()),
            ProgressView.bytes(s.bytesPerSecond()),
            ProgressView.duration(s.etaSeconds()),
            s.paused() ? "  (paused)" : "");
    // Carriage return and erase-line: the bar updates in place instead of scrolling.
    out.print("\r\u001b[2K" + line);
    out.flush();
    drawn = true;
  }

  @Override
  public void finish() {
    if (drawn) {
      out.println();
    }
    out.flush();
  }
}
