package org.vsekai.nebula.cli.commands;

import java.nio.file.Path;
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
import org.vsekai.nebula.cli.update.ProgressView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    description =
        "The installed version and mode, and the state and progress of the install's update.")
public final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", arity = "0..1", description = "the launcher folder")
  Path dir;

  @Override
  public Integer call() throws Exception {
    GlobalOptions g = Cli.global(spec);
    InstallContext install = InstallContext.load(dir, g);
    Optional<InstalledRelease> installed = new InstalledReleases(install.folder()).current();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("installDir", install.folder().root().toString());
    m.put("installId", install.state().installId());
    m.put("product", install.state().product());
    m.put("mode", install.state().mode());
    m.put("version", installed.map(InstalledRelease::version).orElse(null));
    m.put("autoUpdate", install.state().autoUpdate());
    String serviceError = null;
    try {
      UpdateView v = install.service().update(install.state().installId());
      m.put("updateState", v.state());
      m.put("updateFrom", v.fromVersion());
      m.put("updateTo", v.toVersion());
      m.put("running", v.running());
      if (v.running()) m.put("paused", v.paused());
      if (v.outcome() != null) m.put("outcome", v.outcome());
      if (v.failure() != null) m.put("failure", v.failure());
    } catch (ServiceException e) {
      if (e.notFound()) {
        m.put("updateState", "Idle");
      } else {
        serviceError = e.getMessage();
        m.put("updateState", null);
      }
    }
    Optional<LocalProgress> p = Json.read(install.folder().progressFile(), LocalProgress.class);
    p.ifPresent(
        x -> {
          m.put("step", x.step());
          m.put("bytesDone", x.bytesDone());
          m.put("bytesTotal", x.bytesTotal());
        });
    if (g.json) {
      JsonOutput.line(Cli.out(spec), m);
      return ExitCodes.OK;
    }
    var out = Cli.out(spec);
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
      if (Boolean.TRUE.equals(m.get("paused")))
        out.println("          paused (vsekai resume to go on)");
      if (m.get("failure") != null) out.printf("          failed: %s%n", m.get("failure"));
    }
    p.filter(x -> x.step().equals(m.get("updateState")))
        .ifPresent(
            x ->
                out.printf(
                    "progress  %s of %s%n",
                    ProgressView.bytes(x.bytesDone()), ProgressView.bytes(x.bytesTotal())));
    return ExitCodes.OK;
  }
}
