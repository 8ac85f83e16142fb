package org.vsekai.nebula.cli.rollout;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;
import org.vsekai.nebula.api.rest.RolloutInfo;

/** A rollout for people: a headline, one line per wave, and why it is where it is. */
final class RolloutReport {
  private RolloutReport() {}

  static void print(PrintWriter out, RolloutInfo r) {
    out.printf(
        "rollout %s: %s %s to mode %s, %s%n",
        r.rolloutId(), r.product(), r.version(), r.mode(), r.state());
    out.printf(
        "  waves %s, halts above %s failed%n",
        r.waves().stream().map(w -> w.percent() + "%").collect(Collectors.joining(", ")),
        percent(r.maxFailureRate()));
    for (RolloutInfo.WaveInfo w : r.waves()) {
      String counts =
          w.targeted() == 0 && w.state().equals("Pending")
              ? ""
              : String.format(
                  Locale.ROOT,
                  "  %d installs: %d succeeded, %d failed, %d cancelled, %d unfinished",
                  w.targeted(),
                  w.succeeded(),
                  w.failed(),
                  w.cancelled(),
                  w.unfinished());
      out.printf("  wave %d (%d%%)  %-9s%s%n", w.index() + 1, w.percent(), w.state(), counts);
    }
    if (r.reason() != null) {
      out.printf("  why: %s%n", r.reason());
    }
    out.printf("  find it and its updates in the Temporal UI: RolloutId=\"%s\"%n", r.rolloutId());
  }

  /** One line for a list. */
  static void line(PrintWriter out, RolloutInfo r) {
    out.printf(
        "%s  %-9s %s %s to %s, waves %s%n",
        r.rolloutId(),
        r.state(),
        r.product(),
        r.version(),
        r.mode(),
        r.waves().stream()
            .map(w -> w.percent() + "%:" + w.state())
            .collect(Collectors.joining(" ")));
  }

  private static String percent(double rate) {
    return String.format(Locale.ROOT, "%.0f%%", rate * 100);
  }
}
