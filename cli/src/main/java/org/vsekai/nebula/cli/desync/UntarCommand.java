package org.vsekai.nebula.cli.desync;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vsekai.nebula.cli.CliFailure;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.desync.CaibxReader;
import org.vsekai.nebula.desync.ChunkIndex;
import org.vsekai.nebula.desync.ChunkStore;
import org.vsekai.nebula.desync.catar.CatarDecoder;
import org.vsekai.nebula.desync.catar.CatarIndexes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "untar",
    description = {
      "Extract a folder tree from a catar archive, or with -i from a .caidx index and its",
      "store(s), as desync untar does."
    })
final class UntarCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreOptions stores;

  @Mixin SourceStores sources;

  @Option(
      names = {"-i", "--index"},
      description = "read a .caidx index, not a catar archive")
  boolean index;

  @Option(names = "--no-same-owner", description = "extract files as the current user")
  boolean noSameOwner;

  @Option(
      names = "--no-same-permissions",
      description = "use the umask instead of the archive's modes")
  boolean noSamePermissions;

  @Option(
      names = {"-n", "--concurrency"},
      description = "parallel chunk fetches, with -i (default: ${DEFAULT-VALUE})")
  int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  @Parameters(index = "0", paramLabel = "ARCHIVE|INDEX")
  Path input;

  @Parameters(index = "1", paramLabel = "TARGET_DIR")
  Path target;

  @Override
  public Integer call() throws IOException {
    CatarDecoder decoder =
        new CatarDecoder()
            .noSameOwner(noSameOwner)
            .noSamePermissions(noSamePermissions)
            .warnings(w -> spec.commandLine().getErr().println("warning: " + w));
    if (index) {
      if (sources.isEmpty()) {
        throw new CliFailure(ExitCodes.USAGE, "-i requires at least one store (-s STORE)");
      }
      ChunkIndex idx = CaibxReader.read(input);
      try (ChunkStore s = sources.open(stores)) {
        CatarIndexes.extract(decoder, idx, s, target, input.toString(), threads);
      }
      return 0;
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(input), 1 << 16)) {
      decoder.decode(in, target, input.toString());
    }
    return 0;
  }
}
