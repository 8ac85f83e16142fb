package org.vsekai.nebula.desync.catar;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.vsekai.nebula.desync.ChunkIndex;
import org.vsekai.nebula.desync.ChunkSizes;
import org.vsekai.nebula.desync.ChunkStore;
import org.vsekai.nebula.desync.ChunkingOutputStream;
import org.vsekai.nebula.desync.IndexInputStream;
import org.vsekai.nebula.desync.WritableChunkStore;

/**
 * {@code .caidx} indexes: a catar stream chunked into a store (desync's {@code tar -i}) and
 * extracted back from one ({@code untar -i}), without the archive ever being whole on disk.
 */
public final class CatarIndexes {
  private CatarIndexes() {}

  /**
   * Archives {@code root}, chunking the stream as it is made; the index carries desync's tar
   * feature flags, as desync's {@code tar -i} writes them.
   */
  public static ChunkIndex make(
      CatarEncoder encoder, Path root, ChunkSizes sizes, WritableChunkStore store, int threads) {
    ChunkingOutputStream chunks = new ChunkingOutputStream(sizes, store, threads);
    try (OutputStream out = new BufferedOutputStream(chunks, 1 << 16)) {
      encoder.encode(root, out);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot chunk the archive of " + root + ": " + e.getMessage(), e);
    }
    ChunkIndex plain = chunks.index();
    return new ChunkIndex(
        plain.featureFlags() | CatarFormat.TAR_FEATURE_FLAGS, plain.sizes(), plain.chunks());
  }

  /** Extracts the archive an index describes, its chunks read from {@code store} and verified. */
  public static void extract(
      CatarDecoder decoder,
      ChunkIndex index,
      ChunkStore store,
      Path target,
      String name,
      int threads) {
    try (InputStream in = new IndexInputStream(index, store, threads)) {
      decoder.decode(in, target, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
