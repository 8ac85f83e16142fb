package org.vsekai.nebula.cli.update;

import java.io.PrintWriter;

/** For logs and pipes: a line when the state changes, and every few seconds while it runs. */
final class PlainProgressLines implements ProgressView {
  private static final long EVERY_NANOS = 5_000_000_000L;
  private final PrintWriter out;
  private String lastState;
  private long lastLine;

  PlainProgressLines(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void show(ProgressSnapshot s) {
    long now = System.nanoTime();
    boolean newState = !s.state().equals(lastState);
    if (!newState && now - lastLine < EVERY_NANOS) {
      return;
    }
    lastState = s.state();
    lastLine = now;
    if (s.bytesTotal() > 0) {
      out.printf(
          "%s %d%% (%s of %s, %s/s)%n",
          s.state(),
          s.percent(),
          ProgressView.bytes(s.bytesDone()),
          ProgressView.bytes(s.bytesTotal()),
          ProgressView.bytes(s.bytesPerSecond()));
    } else {
      out.println(s.state());
    }
    out.flush();
  }

  @Override
  public void finish() {
    out.flush();
  }
}
