package org.vsekai.nebula.cli.desync;

import java.util.ArrayList;
import java.util.List;
import org.vsekai.nebula.desync.ChunkStore;
import picocli.CommandLine.Option;

/** {@code -s STORE...} and {@code -c CACHE}: where a command reads chunks from, as desync's do. */
final class SourceStores {
  @Option(
      names = {"-s", "--store"},
      paramLabel = "STORE",
      description = "source store(s), tried in order")
  List<String> specs = new ArrayList<>();

  @Option(
      names = {"-c", "--cache"},
      paramLabel = "DIR",
      description = "local store to use as a cache")
  String cache;

  boolean isEmpty() {
    return specs.isEmpty();
  }

  /** The stores in order, behind the cache when one is given. */
  ChunkStore open(StoreOptions options) {
    return options.chain(specs, cache);
  }
}
