package org.vsekai.nebula.cli.desync;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vsekai.nebula.desync.CaibxReader;
import org.vsekai.nebula.desync.Chopper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "chop", description = "Store the chunks of a file as its existing index cuts it.")
final class ChopCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreOptions stores;

  @Option(
      names = {"-s", "--store"},
      required = true,
      paramLabel = "STORE",
      description = "target store")
  String store;

  @Option(
      names = {"-n", "--concurrency"},
      description = "threads (default: ${DEFAULT-VALUE})")
  int threads = Math.max(4, Runtime.getRuntime().availableProcessors());

  @Parameters(index = "0", paramLabel = "INDEX")
  Path index;

  @Parameters(index = "1", paramLabel = "FILE")
  Path file;

  @Override
  public Integer call() {
    long added = Chopper.chop(CaibxReader.read(index), file, stores.openWritable(store), threads);
    spec.commandLine().getOut().println(added + " chunks stored");
    return 0;
  }
}
