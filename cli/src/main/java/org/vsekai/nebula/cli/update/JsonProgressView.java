package org.vsekai.nebula.cli.update;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vsekai.nebula.cli.JsonOutput;

/** JSON lines, one per change, for the GUI launcher and scripts. */
final class JsonProgressView implements ProgressView {
  private final PrintWriter out;
  private ProgressSnapshot last;

  JsonProgressView(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void show(ProgressSnapshot s) {
    if (s.equals(last)) {
      return;
    }
    last = s;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("event", "progress");
    m.put("state", s.state());
    m.put("fromVersion", s.fromVersion());
    m.put("toVersion", s.toVersion());
    m.put("bytesDone", s.bytesDone());
    m.put("bytesTotal", s.bytesTotal());
    m.put("bytesPerSecond", s.bytesPerSecond());
    m.put("etaSeconds", s.etaSeconds());
    m.put("paused", s.paused());
    JsonOutput.line(out, m);
  }

  @Override
  public void finish() {
    out.flush();
  }
}
