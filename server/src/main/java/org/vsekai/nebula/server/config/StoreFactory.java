package org.vsekai.nebula.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/**
 * The chunk store ({@code /store/}) and index store ({@code /index/}) folders, by default under the
 * data folder, and the limits on what a publisher may upload.
 */
public class StoreFactory {
  @JsonProperty private String chunkDir;
  @JsonProperty private String indexDir;

  /** Largest uncompressed chunk accepted; desync's default maximum is 256 KiB. */
  @NotNull @JsonProperty private DataSize maxChunkSize = DataSize.mebibytes(16);

  /** Largest .caibx accepted: 40 bytes a chunk, so 64 MiB is about 100 TiB of 64 KiB chunks. */
  @NotNull @JsonProperty private DataSize maxIndexSize = DataSize.mebibytes(64);

  /** Below this much free space the store's health check fails. */
  @NotNull @JsonProperty private DataSize minFreeSpace = DataSize.mebibytes(512);

  /**
   * How much of the stores to keep in memory for GETs (the chunks asked for most recently); 0 turns
   * it off. Direct memory: keep -XX:MaxDirectMemorySize (by default the heap's maximum) above it.
   */
  @NotNull @JsonProperty private DataSize memoryCacheSize = DataSize.mebibytes(256);

  public Path chunkDir(Path dataDir) {
    return chunkDir == null || chunkDir.isBlank() ? dataDir.resolve("store") : Path.of(chunkDir);
  }

  public Path indexDir(Path dataDir) {
    return indexDir == null || indexDir.isBlank() ? dataDir.resolve("index") : Path.of(indexDir);
  }

  public int maxChunkBytes() {
    return (int) Math.min(Integer.MAX_VALUE - 16, maxChunkSize.toBytes());
  }

  public int maxIndexBytes() {
    return (int) Math.min(Integer.MAX_VALUE - 16, maxIndexSize.toBytes());
  }

  public long memoryCacheBytes() {
    return memoryCacheSize.toBytes();
  }

  public long minFreeBytes() {
    return minFreeSpace.toBytes();
  }
}
