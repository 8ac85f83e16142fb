package org.vsekai.nebula.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.vsekai.nebula.desync.patch.PatchCodec;

/**
 * The chunk store ({@code /store/}), index store ({@code /index/}) and patch store folders, by
 * default under the data folder, how patches are made, and the limits on what a publisher may
 * upload.
 */
public class StoreFactory {
  @JsonProperty private String chunkDir;
  @JsonProperty private String indexDir;
  @JsonProperty private String patchDir;

  /**
   * How many earlier versions of a release's modes each changed file is patched from; 0 makes no
   * patches. Two covers a player one or two releases behind, most of a fleet.
   */
  @JsonProperty private int patchSources = 2;

  /** The zstd level of patches: made once, downloaded by every player. */
  @JsonProperty private int patchLevel = PatchCodec.DEFAULT_LEVEL;

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

  public Path patchDir(Path dataDir) {
    return patchDir == null || patchDir.isBlank() ? dataDir.resolve("patches") : Path.of(patchDir);
  }

  public int patchSources() {
    return Math.max(0, patchSources);
  }

  public int patchLevel() {
    return patchLevel;
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
