package org.vsekai.nebula.cli.desync;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vsekai.nebula.cli.CliFailure;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.desync.CaibxReader;
import org.vsekai.nebula.desync.FileVerifier;
import org.vsekai.nebula.desync.StoreVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "verify",
    description = {
      "Verify a store: every chunk decompresses and hashes to its name (-r removes bad ones).",
      "Or, given INDEX FILE, verify that a file matches its index."
    })
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreOptions stores;

  @Option(
      names = {"-s", "--store"},
      paramLabel = "STORE",
      description = "local store to verify")
  String store;

  @Option(
      names = {"-r", "--repair"},
      description = "remove invalid chunks from the store")
  boolean repair;

  @Option(
      names = {"-n", "--concurrency"},
      description = "threads (default: CPU count)")
  int threads = Runtime.getRuntime().availableProcessors();

  @Parameters(arity = "0..2", paramLabel = "INDEX FILE")
  List<Path> indexAndFile = new ArrayList<>();

  @Override
  public Integer call() {
    if (indexAndFile.size() == 2) {
      return verifyFile(spec, indexAndFile.get(0), indexAndFile.get(1), threads);
    }
    if (store == null || !indexAndFile.isEmpty()) {
      throw new CliFailure(ExitCodes.USAGE, "give either -s STORE, or INDEX FILE");
    }
    StoreVerifier.Report r = StoreVerifier.verify(stores.openLocal(store), repair, threads);
    r.problems().forEach(p -> spec.commandLine().getOut().println(p));
    spec.commandLine()
        .getOut()
        .printf(
            "%d chunks checked, %d invalid%s%n",
            r.chunksChecked(), r.problems().size(), repair ? ", " + r.removed() + " removed" : "");
    return r.clean() || repair ? 0 : ExitCodes.INVALID_DATA;
  }

  static int verifyFile(CommandSpec spec, Path index, Path file, int threads) {
    FileVerifier.Report r = FileVerifier.verify(CaibxReader.read(index), file, threads);
    if (!r.matches()) {
      throw new CliFailure(ExitCodes.INVALID_DATA, file + " " + r.describe());
    }
    spec.commandLine().getOut().println(file + " matches " + index);
    return 0;
  }
}
