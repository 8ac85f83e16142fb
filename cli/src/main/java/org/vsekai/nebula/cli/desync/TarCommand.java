package org.vsekai.nebula.cli.desync;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vsekai.nebula.cli.CliFailure;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.desync.AtomicFiles;
import org.vsekai.nebula.desync.CaibxWriter;
import org.vsekai.nebula.desync.ChunkIndex;
import org.vsekai.nebula.desync.ChunkSizes;
import org.vsekai.nebula.desync.catar.CatarEncoder;
import org.vsekai.nebula.desync.catar.CatarIndexes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "tar",
    description = {
      "Store a folder tree in a catar archive, or with -i chunk it into a store and write a",
      ".caidx index; the same bytes desync tar writes."
    })
final class TarCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreOptions stores;

  @Option(
      names = {"-s", "--store"},
      paramLabel = "STORE",
      description = "store for the chunks (folder or URL), with -i")
  String store;

  @Option(
      names = {"-i", "--index"},
      description = "write a .caidx index and chunks, not a catar archive")
  boolean index;

  @Option(
      names = {"-m", "--chunk-size"},
      paramLabel = "MIN:AVG:MAX",
      description = "chunk sizes in KiB, with -i (default: ${DEFAULT-VALUE})",
      defaultValue = "16:64:256")
  String chunkSize;

  @Option(names = "--no-time", description = "store every timestamp as zero")
  boolean noTime;

  @Option(
      names = {"-n", "--concurrency"},
      description = "chunks compressed and stored at once (default: CPU count)")
  int threads = Runtime.getRuntime().availableProcessors();

  @Parameters(index = "0", paramLabel = "ARCHIVE|INDEX")
  Path output;

  @Parameters(index = "1", paramLabel = "SOURCE_DIR")
  Path source;

  @Override
  public Integer call() throws IOException {
    if (index && store == null) {
      throw new CliFailure(ExitCodes.USAGE, "-i requires a store (-s STORE)");
    }
    if (!Files.isDirectory(source)) {
      throw new CliFailure(ExitCodes.NOT_FOUND, source + " is not a folder");
    }
    CatarEncoder encoder =
        new CatarEncoder().noTime(noTime).warnings(w -> spec.commandLine().getErr().println(w));
    if (index) {
      ChunkSizes sizes = ChunkSizes.parseKiB(chunkSize);
      ChunkIndex idx =
          CatarIndexes.make(encoder, source, sizes, stores.openWritable(store), threads);
      CaibxWriter.write(idx, output);
      return 0;
    }
    Path tmp = AtomicFiles.temporarySibling(output);
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        encoder.encode(source, out);
      }
      AtomicFiles.moveIntoPlace(tmp, output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return 0;
  }
}
