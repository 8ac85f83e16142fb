package org.vsekai.nebula.cli.desync;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vsekai.nebula.desync.CaibxWriter;
import org.vsekai.nebula.desync.ChunkSizes;
import org.vsekai.nebula.desync.IndexMaker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "make",
    description = "Chunk a file into an index, storing the chunks a store lacks.")
final class MakeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreOptions stores;

  @Option(
      names = {"-s", "--store"},
      paramLabel = "STORE",
      description = "store for the chunks (folder or URL)")
  String store;

  @Option(
      names = {"-m", "--chunk-size"},
      paramLabel = "MIN:AVG:MAX",
      description = "chunk sizes in KiB (default: ${DEFAULT-VALUE})",
      defaultValue = "16:64:256")
  String chunkSize;

  @Option(
      names = {"-n", "--concurrency"},
      description = "chunking threads (default: CPU count)")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--print-stats", description = "print chunking statistics to stderr")
  boolean printStats;

  @Parameters(index = "0", paramLabel = "INDEX")
  Path index;

  @Parameters(index = "1", paramLabel = "FILE")
  Path file;

  @Override
  public Integer call() {
    IndexMaker maker = new IndexMaker(ChunkSizes.parseKiB(chunkSize)).threads(threads);
    if (store != null) {
      maker = maker.store(stores.openWritable(store));
    }
    IndexMaker.Result r = maker.make(file);
    CaibxWriter.write(r.index(), index);
    if (printStats) {
      spec.commandLine()
          .getErr()
          .printf(
              "{\"chunks\": %d, \"chunks-cut\": %d, \"chunks-stored\": %d, \"bytes-stored\": %d}%n",
              r.index().chunks().size(), r.chunksCut(), r.chunksStored(), r.bytesStored());
    }
    return 0;
  }
}
