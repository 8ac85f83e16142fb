package org.vsekai.nebula.cli.desync;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vsekai.nebula.desync.CaibxReader;
import org.vsekai.nebula.desync.ChunkIndex;
import org.vsekai.nebula.desync.ExtractStats;
import org.vsekai.nebula.desync.Extractor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "extract", description = "Build a file from its index, stores and seeds.")
final class ExtractCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreOptions stores;
  @Mixin SeedOptions seeds;

  @Mixin SourceStores sources;

  @Option(
      names = {"-k", "--in-place"},
      description = "extract in place, keeping chunks already right")
  boolean inPlace;

  @Option(
      names = "--seed-output",
      negatable = true,
      defaultValue = "true",
      description = "use an existing output file as a seed (default: ${DEFAULT-VALUE})")
  boolean seedOutput;

  @Option(
      names = {"-n", "--concurrency"},
      description = "parallel fetches (default: ${DEFAULT-VALUE})")
  int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  @Option(names = "--print-stats", description = "print extraction statistics when done")
  boolean printStats;

  @Parameters(index = "0", paramLabel = "INDEX")
  Path index;

  @Parameters(index = "1", paramLabel = "OUT")
  Path out;

  @Override
  public Integer call() {
    ChunkIndex idx = CaibxReader.read(index);
    ExtractStats s =
        new Extractor(sources.open(stores))
            .seeds(seeds.load())
            .threads(threads)
            .inPlace(inPlace)
            .seedFromOutput(seedOutput)
            .extract(idx, out);
    if (printStats) {
      spec.commandLine()
          .getOut()
          .printf(
              "{\"bytes\": %d, \"bytes-fetched\": %d, \"chunks-fetched\": %d, \"bytes-from-seeds\": %d,"
                  + " \"bytes-in-place\": %d, \"bytes-zero\": %d}%n",
              s.bytesTotal(),
              s.bytesFetched(),
              s.chunksFetched(),
              s.bytesFromSeeds(),
              s.bytesInPlace(),
              s.bytesZero());
    }
    return 0;
  }
}
