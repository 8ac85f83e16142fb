package org.vsekai.nebula.cli.desync;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vsekai.nebula.desync.CaibxReader;
import org.vsekai.nebula.desync.ChunkIndex;
import org.vsekai.nebula.desync.ChunkStore;
import org.vsekai.nebula.desync.ExtractPlan;
import org.vsekai.nebula.desync.FileSeed;
import org.vsekai.nebula.desync.IndexInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "info",
    description = "Show what an index holds; with seeds, how much is left to fetch.")
final class InfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreOptions stores;
  @Mixin SeedOptions seeds;

  @Option(
      names = {"-s", "--store"},
      paramLabel = "STORE",
      description = "count the chunks present in these stores")
  List<String> storeSpecs = new ArrayList<>();

  @Parameters(index = "0", paramLabel = "INDEX")
  Path index;

  @Override
  public Integer call() {
    ChunkIndex idx = CaibxReader.read(index);
    List<FileSeed> s = seeds.load();
    ExtractPlan plan = s.isEmpty() ? null : ExtractPlan.of(idx, s, null);
    ChunkStore store = storeSpecs.isEmpty() ? null : stores.chain(storeSpecs, null);
    IndexInfo i = IndexInfo.of(idx, plan, store);
    StringBuilder json = new StringBuilder("{\n");
    json.append("  \"size\": ").append(i.size()).append(",\n");
    json.append("  \"total-chunks\": ").append(i.chunks()).append(",\n");
    json.append("  \"unique-chunks\": ").append(i.uniqueChunks()).append(",\n");
    json.append("  \"unique-bytes\": ").append(i.uniqueBytes()).append(",\n");
    json.append("  \"smallest-chunk\": ").append(i.smallestChunk()).append(",\n");
    json.append("  \"largest-chunk\": ").append(i.largestChunk()).append(",\n");
    json.append("  \"chunk-size-min\": ").append(i.sizes().min()).append(",\n");
    json.append("  \"chunk-size-avg\": ").append(i.sizes().avg()).append(",\n");
    json.append("  \"chunk-size-max\": ").append(i.sizes().max()).append(",\n");
    json.append("  \"hash\": \"").append(i.hash()).append("\",\n");
    if (store != null) {
      json.append("  \"in-store\": ").append(i.chunksInStore()).append(",\n");
    }
    json.append("  \"chunks-to-fetch\": ").append(i.chunksToFetch()).append(",\n");
    json.append("  \"bytes-to-fetch\": ").append(i.bytesToFetch()).append("\n}");
    spec.commandLine().getOut().println(json);
    return 0;
  }
}
