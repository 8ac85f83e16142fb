package org.vsekai.nebula.desync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * desync's {@code make}: chunks a file into an index and, given a store, stores every chunk the
 * store lacks. Chunking runs in parallel ({@link SegmentChunker}) with a result identical to the
 * sequential chunker's; each worker hashes, compresses and stores its chunks as it cuts them, so
 * the file is read once.
 */
public final class IndexMaker {
  /**
   * A worker after the first may cut a few chunks before it lines up with its predecessor; those
   * are not stored until the joined index shows they are kept. In practice the workers line up
   * within two or three chunks.
   */
  private static final int UNCONFIRMED_CHUNKS = 16;

  private final ChunkSizes sizes;
  private final BoundaryRule rule;
  private final HashAlgorithm algorithm;
  private final int threads;
  private final WritableChunkStore store;
  private final LongConsumer progress;

  public IndexMaker(ChunkSizes sizes) {
    this(
        sizes,
        BoundaryRule.DESYNC,
        HashAlgorithm.SHA512_256,
        Runtime.getRuntime().availableProcessors(),
        null,
        b -> {});
  }

  private IndexMaker(
      ChunkSizes sizes,
      BoundaryRule rule,
      HashAlgorithm algorithm,
      int threads,
      WritableChunkStore store,
      LongConsumer progress) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.sizes = sizes;
    this.rule = rule;
    this.algorithm = algorithm;
    this.threads = threads;
    this.store = store;
    this.progress = progress;
  }

  public IndexMaker threads(int n) {
    return new IndexMaker(sizes, rule, algorithm, n, store, progress);
  }

  public IndexMaker store(WritableChunkStore s) {
    return new IndexMaker(sizes, rule, algorithm, threads, s, progress);
  }

  public IndexMaker hash(HashAlgorithm a) {
    return new IndexMaker(sizes, rule, a, threads, store, progress);
  }

  public IndexMaker rule(BoundaryRule r) {
    return new IndexMaker(sizes, r, algorithm, threads, store, progress);
  }

  /** Receives the number of bytes chunked so far (approximate while workers overlap). */
  public IndexMaker progress(LongConsumer p) {
    return new IndexMaker(sizes, rule, algorithm, threads, store, p);
  }

  /** What a make did. */
  public record Result(ChunkIndex index, long chunksCut, long chunksStored, long bytesStored) {}

  public Result make(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return make(channel, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot chunk " + file + ": " + e.getMessage(), e);
    }
  }

  private Result make(FileChannel channel, String name) throws IOException {
    long size = channel.size();
    Chunker chunker = new Chunker(sizes, rule);
    // Segments much smaller than a few max-sized chunks would spend more on lining up than they
    // save.
    long minSegment = 16L * sizes.max();
    int n = (int) Math.max(1, Math.min(threads, size / minSegment));
    List<SegmentChunker> workers = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      workers.add(new SegmentChunker(i, size * i / n, size, chunker, algorithm));
    }
    for (int i = 0; i + 1 < n; i++) {
      workers.get(i).linkNext(workers.get(i + 1));
    }

    Set<ChunkId> stored = ConcurrentHashMap.newKeySet();
    AtomicLong cut = new AtomicLong();
    AtomicLong newChunks = new AtomicLong();
    AtomicLong newBytes = new AtomicLong();
    AtomicLong done = new AtomicLong();
    SegmentChunker.ChunkSink sink =
        (worker, ordinal, start, buf, off, len, id) -> {
          cut.incrementAndGet();
          progress.accept(Math.min(size, done.addAndGet(len)));
          if (store != null && (worker.number == 0 || ordinal >= UNCONFIRMED_CHUNKS)) {
            storeIfNew(id, buf, off, len, stored, newChunks, newBytes);
          }
        };
    List<Thread> running = new ArrayList<>();
    for (SegmentChunker w : workers) {
      Thread t = new Thread(() -> w.run(channel, sink), "chunker-" + w.number);
      t.setDaemon(true);
      t.start();
      running.add(t);
    }
    try {
      for (SegmentChunker w : workers) {
        w.awaitFinished();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DesyncException("interrupted while chunking " + name, e);
    }
    for (SegmentChunker w : workers) {
      if (w.failure() != null) {
        throw new DesyncException(
            "chunking " + name + " failed: " + w.failure().getMessage(), w.failure());
      }
    }
    List<IndexChunk> chunks = join(workers.get(0), size);
    if (store != null) {
      for (IndexChunk c : chunks) {
        if (!stored.contains(c.id())) {
          byte[] data = readChunk(channel, c);
          storeIfNew(c.id(), data, 0, data.length, stored, newChunks, newBytes);
        }
      }
    }
    progress.accept(size);
    return new Result(
        ChunkIndex.of(sizes, algorithm, chunks), cut.get(), newChunks.get(), newBytes.get());
  }

  /** Follows the workers from the first, each up to where it joined the next one's chunks. */
  private static List<IndexChunk> join(SegmentChunker first, long size) {
    List<IndexChunk> out = new ArrayList<>();
    long position = 0;
    SegmentChunker w = first;
    int i = 0;
    while (true) {
      long limit = w.joinedAt() < 0 ? size : w.joinedAt();
      for (int n = w.count(); i < n && w.endAt(i) <= limit; i++) {
        long end = w.endAt(i);
        out.add(new IndexChunk(position, (int) (end - position), w.idAt(i)));
        position = end;
      }
      if (w.joinedAt() < 0) {
        break;
      }
      w = w.joinedWorker();
      i = w.firstChunkAfter(position);
    }
    if (position != size) {
      throw new IllegalStateException("joined chunks cover " + position + " of " + size + " bytes");
    }
    return out;
  }

  private void storeIfNew(
      ChunkId id,
      byte[] buf,
      int off,
      int len,
      Set<ChunkId> stored,
      AtomicLong newChunks,
      AtomicLong newBytes) {
    if (!stored.add(id) || store.has(id)) {
      return;
    }
    store.put(id, buf, off, len);
    newChunks.incrementAndGet();
    newBytes.addAndGet(len);
  }

  static byte[] readChunk(FileChannel channel, IndexChunk c) throws IOException {
    byte[] data = new byte[c.size()];
    ByteBuffer b = ByteBuffer.wrap(data);
    while (b.hasRemaining()) {
      if (channel.read(b, c.start() + b.position()) < 0) {
        throw new IOException("file ended before chunk at " + c.start());
      }
    }
    return data;
  }
}
