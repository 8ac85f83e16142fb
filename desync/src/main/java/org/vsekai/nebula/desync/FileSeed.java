package org.vsekai.nebula.desync;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file whose chunks are known from an index, offered as a source of bytes for extraction: another
 * version of the same file, the file being replaced, any file sharing content. Data read from a
 * seed is always verified against the chunk id, so a seed that changed since it was indexed costs a
 * fetch, never a wrong byte.
 */
public record FileSeed(ChunkIndex index, Path file) {

  /** A seed from a file and its {@code .caibx}. */
  public static FileSeed of(Path indexFile, Path file) {
    return new FileSeed(CaibxReader.read(indexFile), file);
  }

  /**
   * A seed made by chunking the file itself with the target's chunk sizes, e.g. the installed file
   * an update replaces. Null if the file does not exist.
   */
  public static FileSeed byChunking(Path file, ChunkSizes sizes) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    return new FileSeed(new IndexMaker(sizes).make(file).index(), file);
  }
}
