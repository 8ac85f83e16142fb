package org.vsekai.nebula.cli.commands;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vsekai.nebula.activities.LocalProgress;
import org.vsekai.nebula.activities.local.InstalledRelease;
import org.vsekai.nebula.activities.local.InstalledReleases;
import org.vsekai.nebula.activities.local.Json;
import org.vsekai.nebula.api.client.ServiceException;
import org.vsekai.nebula.api.rest.UpdateView;
import org.vsekai.nebula.cli.Cli;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.GlobalOptions;
import org.vsekai.nebula.cli.JsonOutput;
import org.vsekai.nebula.cli.install.InstallContext;
import org.vsekai.nebula.cli.install.LauncherDir;
import org.vsekai.nebula.cli.update.ProgressView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    description =
        "The installed version and mode, and the state and progress of the install's update.")
public final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LauncherDir dir;

  @Override
  public Integer call() throws Exception {
    GlobalOptions g = Cli.global(spec);
    InstallContext install = dir.load(g);
    Map<String, Object> m = installFacts(install);
    String serviceError = addUpdate(install, m);
    Optional<LocalProgress> p = Json.read(install.folder().progressFile(), LocalProgress.class);
    p.ifPresent(
        x -> {
          m.put("step", x.step());
          m.put("bytesDone", x.bytesDone());
          m.put("bytesTotal", x.bytesTotal());
        });
    if (g.json) {
      JsonOutput.line(Cli.out(spec), m);
    } else {
      print(Cli.out(spec), m, serviceError, p);
    }
    return ExitCodes.OK;
  }

  /** What the folder itself says: where, which install, what is installed. */
  private static Map<String, Object> installFacts(InstallContext install) {
    Optional<InstalledRelease> installed = new InstalledReleases(install.folder()).current();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("installDir", install.folder().root().toString());
    m.put("installId", install.state().installId());
    m.put("product", install.state().product());
    m.put("mode", install.state().mode());
    m.put("version", installed.map(InstalledRelease::version).orElse(null));
    m.put("autoUpdate", install.state().autoUpdate());
    return m;
  }

  /**
   * The service's view of the install's update, added to {@code m}; returns why it could not be
   * read, or null.
   */
  private static String addUpdate(InstallContext install, Map<String, Object> m) {
    try {
      UpdateView v = install.service().update(install.state().installId());
      m.put("updateState", v.state());
      m.put("updateFrom", v.fromVersion());
      m.put("updateTo", v.toVersion());
      m.put("running", v.running());
      if (v.running()) {
        m.put("paused", v.paused());
      }
      if (v.outcome() != null) {
        m.put("outcome", v.outcome());
      }
      if (v.failure() != null) {
        m.put("failure", v.failure());
      }
      return null;
    } catch (ServiceException e) {
      if (e.notFound()) {
        m.put("updateState", "Idle");
        return null;
      }
      m.put("updateState", null);
      return e.getMessage();
    }
  }

  /** The lines a person reads. */
  private static void print(
      PrintWriter out, Map<String, Object> m, String serviceError, Optional<LocalProgress> p) {
    out.printf("install   %s (%s)%n", m.get("installDir"), m.get("installId"));
    out.printf(
        "version   %s of %s, mode %s%n",
        m.get("version") == null ? "nothing installed" : m.get("version"),
        m.get("product"),
        m.get("mode"));
    if (serviceError != null) {
      out.printf("update    unknown (%s)%n", serviceError);
    } else {
      out.printf(
          "update    %s%s%n",
          m.get("updateState"),
          m.get("updateTo") == null
              ? ""
              : " ("
                  + (m.get("updateFrom") == null ? "nothing" : m.get("updateFrom"))
                  + " -> "
                  + m.get("updateTo")
                  + ")");
      if (Boolean.TRUE.equals(m.get("paused"))) {
        out.println("          paused (vsekai resume to go on)");
      }
      if (m.get("failure") != null) {
        out.printf("          failed: %s%n", m.get("failure"));
      }
    }
    p.filter(x -> x.step().equals(m.get("updateState")))
        .ifPresent(
            x ->
                out.printf(
                    "progress  %s of %s%n",
                    ProgressView.bytes(x.bytesDone()), ProgressView.bytes(x.bytesTotal())));
  }
}
