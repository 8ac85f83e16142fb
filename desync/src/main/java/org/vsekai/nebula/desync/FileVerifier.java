package org.vsekai.nebula.desync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** desync's {@code verify-index}: does a file hold exactly the chunks its index lists? */
public final class FileVerifier {
  private FileVerifier() {}

  /** The first chunks that differ (at most {@code limit}), and whether the length matches. */
  public record Report(long length, long expectedLength, List<IndexChunk> mismatched) {
    public boolean matches() {
      return length == expectedLength && mismatched.isEmpty();
    }

    public String describe() {
      if (matches()) {
        return "matches its index";
      }
      if (length != expectedLength) {
        return "is " + length + " bytes, its index says " + expectedLength;
      }
      IndexChunk c = mismatched.get(0);
      return mismatched.size()
          + " chunk(s) differ from the index, the first at offset "
          + c.start();
    }
  }

  public static Report verify(ChunkIndex index, Path file, int threads) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      List<IndexChunk> chunks = index.chunks();
      boolean[] ok;
      ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
      try {
        ok = matching(index, ch, pool);
      } finally {
        pool.shutdownNow();
      }
      List<IndexChunk> mismatched = new ArrayList<>();
      for (int i = 0; i < ok.length; i++) {
        if (!ok[i]) {
          mismatched.add(chunks.get(i));
        }
      }
      return new Report(size, index.length(), mismatched);
    } catch (NoSuchFileException e) {
      throw new FileMissingException(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Which chunks of {@code index} the file already holds at their offsets, hashing them on {@code
   * pool}; a chunk beyond the file's end is not held.
   */
  static boolean[] matching(ChunkIndex index, FileChannel ch, ExecutorService pool)
      throws IOException {
    long size = ch.size();
    List<IndexChunk> chunks = index.chunks();
    boolean[] ok = new boolean[chunks.size()];
    Extractor.runAll(
        pool,
        chunks.size(),
        i -> {
          IndexChunk c = chunks.get(i);
          if (c.end() > size) {
            return;
          }
          byte[] data = IndexMaker.readChunk(ch, c);
          ok[i] = ChunkId.digest(data, 0, data.length, index.hashAlgorithm()).equals(c.id());
        });
    return ok;
  }
}
