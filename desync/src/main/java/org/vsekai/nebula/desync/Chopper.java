package org.vsekai.nebula.desync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * desync's {@code chop}: stores the chunks of a file as an existing index cuts it. Each chunk is
 * checked against the index before it is stored, so a file that changed is reported, not stored.
 */
public final class Chopper {
  private Chopper() {}

  /** Returns the number of chunks the store did not have before. */
  public static long chop(ChunkIndex index, Path file, WritableChunkStore store, int threads) {
    List<IndexChunk> chunks = index.chunks();
    Set<ChunkId> seen = ConcurrentHashMap.newKeySet();
    AtomicLong added = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Extractor.runAll(
          pool,
          chunks.size(),
          i -> {
            IndexChunk c = chunks.get(i);
            if (!seen.add(c.id())) {
              return;
            }
            byte[] data = IndexMaker.readChunk(ch, c);
            if (!ChunkId.digest(data, 0, data.length, index.hashAlgorithm()).equals(c.id())) {
              throw new DesyncException(file + " does not match its index at offset " + c.start());
            }
            if (!store.has(c.id())) {
              store.put(c.id(), data);
              added.incrementAndGet();
            }
          });
      return added.get();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } finally {
      pool.shutdownNow();
    }
  }
}
