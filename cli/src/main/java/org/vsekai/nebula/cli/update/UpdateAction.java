package org.vsekai.nebula.cli.update;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vsekai.nebula.api.rest.UpdateView;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.GlobalOptions;
import org.vsekai.nebula.cli.JsonOutput;
import org.vsekai.nebula.cli.install.InstallContext;

/**
 * The seed's {@code --update DIR}: update a launcher folder to the highest SemVer version of its
 * mode, showing progress, and print what it cost.
 */
public final class UpdateAction {
  private UpdateAction() {}

  public static int run(
      Path dir,
      GlobalOptions options,
      Long maxRate,
      boolean allowDowngrade,
      PrintWriter out,
      boolean terminal) {
    InstallContext install = InstallContext.load(dir, options);
    long cap = maxRate != null ? maxRate : install.state().maxBytesPerSecond();
    ProgressView view = ProgressView.choose(out, options.json, terminal);
    UpdateSession.Outcome outcome = new UpdateSession(install, view).run(cap, allowDowngrade);
    UpdateView r = outcome.result();
    if (r.failureType() != null) {
      throw UpdateSession.failureOf(r);
    }
    report(out, options.json, outcome, install);
    return "CANCELLED".equals(r.outcome()) ? ExitCodes.CANCELLED : ExitCodes.OK;
  }

  static void report(
      PrintWriter out, boolean json, UpdateSession.Outcome o, InstallContext install) {
    UpdateView r = o.result();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("event", "result");
      m.put("outcome", r.outcome());
      m.put("fromVersion", r.fromVersion());
      m.put("toVersion", r.toVersion());
      m.put("bytesDownloaded", r.bytesDownloaded());
      m.put("bytesNeeded", r.bytesNeeded());
      m.put("filesChanged", r.filesChanged());
      m.put("seconds", o.took().toMillis() / 1000.0);
      m.put("installDir", install.folder().root().toString());
      JsonOutput.line(out, m);
      return;
    }
    if ("CANCELLED".equals(r.outcome())) {
      out.printf(
          "The update of %s to %s was cancelled; the install is unchanged (%s)%n",
          install.folder().root(),
          r.toVersion(),
          r.fromVersion() == null ? "nothing installed" : r.fromVersion());
    } else if ("NO_UPDATE".equals(r.outcome())) {
      out.printf(
          "%s is up to date (%s in mode %s)%n",
          install.folder().root(),
          r.fromVersion() == null ? "nothing installed, nothing offered" : r.fromVersion(),
          install.state().mode());
    } else {
      out.printf(
          "Updated %s from %s to %s in %.1f s: downloaded %s for %d changed file(s)%n",
          install.folder().root(),
          r.fromVersion() == null ? "nothing" : r.fromVersion(),
          r.toVersion(),
          o.took().toMillis() / 1000.0,
          ProgressView.bytes(r.bytesDownloaded()),
          r.filesChanged());
    }
    out.flush();
  }
}
