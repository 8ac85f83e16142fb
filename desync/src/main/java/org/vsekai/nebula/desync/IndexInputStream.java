package org.vsekai.nebula.desync;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The bytes an index describes, read in order from a store: a few chunks are fetched ahead in
 * parallel, each is verified by the store and checked against its size in the index. For consuming
 * an indexed blob as a stream (desync's {@code untar -i}) without writing it out first.
 */
public final class IndexInputStream extends InputStream {
  private final ChunkIndex index;
  private final ChunkStore store;
  private final ExecutorService pool;
  private final Deque<Future<byte[]>> ahead = new ArrayDeque<>();
  private final int window;
  private int nextToFetch;
  private int nextToRead;
  private byte[] current = new byte[0];
  private int pos;

  public IndexInputStream(ChunkIndex index, ChunkStore store, int threads) {
    this.index = index;
    this.store = store;
    int n = Math.max(1, threads);
    this.window = 2 * n;
    this.pool =
        Executors.newFixedThreadPool(
            n,
            r -> {
              Thread t = new Thread(r, "chunk-read");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (pos == current.length) {
      if (nextToRead == index.chunks().size()) {
        return -1;
      }
      current = nextChunk();
      pos = 0;
    }
    int n = Math.min(len, current.length - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    return n;
  }

  private byte[] nextChunk() throws IOException {
    while (nextToFetch < index.chunks().size() && ahead.size() < window) {
      IndexChunk c = index.chunks().get(nextToFetch++);
      ahead.add(
          pool.submit(
              () -> {
                byte[] data = store.get(c.id());
                if (data.length != c.size()) {
                  throw new ChunkInvalidException(
                      c.id(),
                      "has "
                          + data.length
                          + " bytes in "
                          + store.location()
                          + ", the index says "
                          + c.size());
                }
                return data;
              }));
    }
    try {
      byte[] data = ahead.poll().get();
      nextToRead++;
      return data;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading chunks");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(e.getCause().getMessage(), e.getCause());
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
