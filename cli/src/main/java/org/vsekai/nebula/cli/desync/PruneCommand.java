package org.vsekai.nebula.cli.desync;

import java.io.Console;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vsekai.nebula.cli.CliFailure;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.desync.CaibxReader;
import org.vsekai.nebula.desync.ChunkIndex;
import org.vsekai.nebula.desync.StorePruner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "prune",
    description = "Remove every chunk of a store that none of the indexes uses.")
final class PruneCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreOptions stores;

  @Option(
      names = {"-s", "--store"},
      required = true,
      paramLabel = "STORE",
      description = "local store to prune")
  String store;

  @Option(
      names = {"-y", "--yes"},
      description = "do not ask for confirmation")
  boolean yes;

  @Parameters(arity = "1..*", paramLabel = "INDEX", description = "indexes whose chunks are kept")
  List<Path> indexes = new ArrayList<>();

  @Override
  public Integer call() {
    List<ChunkIndex> keep = new ArrayList<>();
    // Read every index before deleting anything: one bad index must not prune its chunks.
    for (Path p : indexes) {
      keep.add(CaibxReader.read(p));
    }
    if (!yes) {
      Console console = System.console();
      if (console == null) {
        throw new CliFailure(
            ExitCodes.USAGE, "prune deletes chunks; pass -y to confirm when not on a terminal");
      }
      String answer =
          console.readLine(
              "Prune %s, keeping the chunks of %d index(es)? [y/N] ", store, keep.size());
      if (answer == null || !answer.trim().equalsIgnoreCase("y")) {
        return ExitCodes.ERROR;
      }
    }
    StorePruner.Report r = StorePruner.prune(stores.openLocal(store), keep);
    spec.commandLine()
        .getOut()
        .printf(
            "%d chunks kept, %d removed, %d stale temporary files removed%n",
            r.kept(), r.removed(), r.staleTemporaryFiles());
    return 0;
  }
}
