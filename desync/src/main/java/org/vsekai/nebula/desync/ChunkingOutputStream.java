package org.vsekai.nebula.desync;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * desync's {@code ChunkStream}: chunks bytes as they are written, with the same boundaries as
 * {@link IndexMaker} gives the same bytes in a file, and stores each chunk a store lacks. For data
 * that is made on the fly, such as a catar stream, with nothing held but a few chunks. The index is
 * ready after {@link #close()}.
 */
public final class ChunkingOutputStream extends OutputStream {
  private final Chunker chunker;
  private final ChunkSizes sizes;
  private final WritableChunkStore store;
  private final byte[] buf;
  private final int max;
  private final ExecutorService pool;
  private final Semaphore inFlight;
  private final Set<ChunkId> seen = ConcurrentHashMap.newKeySet();
  private final List<Future<ChunkId>> ids = new ArrayList<>();
  private final List<Integer> lengths = new ArrayList<>();
  private int cursor;
  private int filled;
  private ChunkIndex index;

  /**
   * @param store where chunks go, or null to only make the index
   * @param threads how many chunks are hashed, compressed and stored at once
   */
  public ChunkingOutputStream(ChunkSizes sizes, WritableChunkStore store, int threads) {
    this.sizes = sizes;
    this.chunker = new Chunker(sizes, BoundaryRule.DESYNC);
    this.store = store;
    this.max = sizes.maxInt();
    this.buf = new byte[Math.max(1 << 20, 2 * max)];
    int n = Math.max(1, threads);
    this.pool =
        Executors.newFixedThreadPool(
            n,
            r -> {
              Thread t = new Thread(r, "chunk-store");
              t.setDaemon(true);
              return t;
            });
    this.inFlight = new Semaphore(2 * n);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (index != null) {
      throw new IOException("stream is closed");
    }
    while (len > 0) {
      if (filled == buf.length) {
        System.arraycopy(buf, cursor, buf, 0, filled - cursor);
        filled -= cursor;
        cursor = 0;
      }
      int n = Math.min(len, buf.length - filled);
      System.arraycopy(b, off, buf, filled, n);
      filled += n;
      off += n;
      len -= n;
      while (filled - cursor >= max) {
        cut(chunker.nextChunkLength(buf, cursor, filled - cursor));
      }
    }
  }

  private void cut(int length) throws IOException {
    byte[] chunk = Arrays.copyOfRange(buf, cursor, cursor + length);
    cursor += length;
    lengths.add(length);
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while chunking");
    }
    ids.add(
        pool.submit(
            () -> {
              try {
                ChunkId id = ChunkId.digest(chunk, 0, chunk.length, HashAlgorithm.SHA512_256);
                if (store != null && seen.add(id) && !store.has(id)) {
                  store.put(id, chunk);
                }
                return id;
              } finally {
                inFlight.release();
              }
            }));
  }

  /** Cuts the last chunk and waits until every chunk is stored. */
  @Override
  public void close() throws IOException {
    if (index != null) {
      return;
    }
    try {
      while (cursor < filled) {
        cut(chunker.nextChunkLength(buf, cursor, filled - cursor));
      }
      List<ChunkId> done = new ArrayList<>(ids.size());
      for (Future<ChunkId> f : ids) {
        done.add(f.get());
      }
      index =
          ChunkIndex.of(sizes, HashAlgorithm.SHA512_256, ChunkIndex.chunksFromSizes(lengths, done));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while storing chunks");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(c.getMessage(), c);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The index of everything written; only after {@link #close()}. */
  public ChunkIndex index() {
    if (index == null) {
      throw new IllegalStateException("the stream is not closed yet");
    }
    return index;
  }
}
