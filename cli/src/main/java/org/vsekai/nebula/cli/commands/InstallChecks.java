package org.vsekai.nebula.cli.commands;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vsekai.nebula.activities.InstallRepairer;
import org.vsekai.nebula.activities.OldReleases;
import org.vsekai.nebula.cli.Cli;
import org.vsekai.nebula.cli.CliFailure;
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

/** {@code verify DIR} and {@code repair DIR}. */
public abstract class InstallChecks implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LauncherDir dir;

  abstract boolean repair();

  @Override
  public Integer call() throws Exception {
    GlobalOptions g = Cli.global(spec);
    InstallContext install = dir.load(g);
    // Releases an update replaced while a game ran from them go once nothing runs from them.
    new OldReleases(install.folder()).removeUnused();
    InstallRepairer repairer = new InstallRepairer(install.folder());
    InstallRepairer.Report r =
        repair() ? repairer.repair(install.service(), (p, b) -> {}) : repairer.verify((p, b) -> {});
    if (g.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("version", r.version());
      m.put("files", r.files());
      m.put("bytes", r.bytes());
      m.put("damaged", r.damaged());
      m.put("repaired", repair());
      m.put("bytesFetched", r.bytesFetched());
      JsonOutput.line(Cli.out(spec), m);
    } else {
      for (InstallRepairer.Damage d : r.damaged()) {
        Cli.out(spec).printf("%s %s%s%n", d.path(), d.problem(), repair() ? " (repaired)" : "");
      }
      Cli.out(spec)
          .printf(
              "%s %s: %d files, %s, %d damaged%s%n",
              install.folder().root(),
              r.version(),
              r.files(),
              ProgressView.bytes(r.bytes()),
              r.damaged().size(),
              repair() && !r.damaged().isEmpty()
                  ? ", repaired with " + ProgressView.bytes(r.bytesFetched()) + " downloaded"
                  : "");
    }
    if (!repair() && !r.damaged().isEmpty()) {
      throw new CliFailure(
          ExitCodes.INVALID_DATA,
          r.damaged().size()
              + " file(s) do not match the installed release; run 'vsekai repair "
              + install.folder().root()
              + "'");
    }
    return ExitCodes.OK;
  }

  @Command(
      name = "verify",
      description =
          "Check every installed file against the release manifest (re-hashes everything).")
  public static final class Verify extends InstallChecks {
    boolean repair() {
      return false;
    }
  }

  @Command(
      name = "repair",
      description = "Verify, then rebuild damaged files, fetching only the chunks they lack.")
  public static final class Repair extends InstallChecks {
    boolean repair() {
      return true;
    }
  }
}
