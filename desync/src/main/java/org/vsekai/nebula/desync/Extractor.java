package org.vsekai.nebula.desync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * desync's {@code extract}: rebuilds a blob from its index, taking each chunk from the cheapest
 * source ({@link ExtractPlan}). By default the output is assembled in a temporary file beside it
 * and renamed at the end, so the old file stays whole until the new one is complete. In place
 * ({@code -k}) it hashes what is on disk and rewrites only chunks that differ, which makes an
 * interrupted extraction cheap to resume.
 */
public final class Extractor {
  private final ChunkStore store;
  private final SeedSet seeds;
  private final int threads;
  private final boolean inPlace;
  private final boolean seedFromOutput;
  private final boolean durable;
  private final ExtractProgress progress;

  public Extractor(ChunkStore store) {
    this(
        store,
        SeedSet.EMPTY,
        Math.max(4, 2 * Runtime.getRuntime().availableProcessors()),
        false,
        true,
        false,
        ExtractProgress.NONE);
  }

  private Extractor(
      ChunkStore store,
      SeedSet seeds,
      int threads,
      boolean inPlace,
      boolean seedFromOutput,
      boolean durable,
      ExtractProgress progress) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.store = store;
    this.seeds = seeds;
    this.threads = threads;
    this.inPlace = inPlace;
    this.seedFromOutput = seedFromOutput;
    this.durable = durable;
    this.progress = progress;
  }

  /** Seeds for every extraction of this extractor; located once here, not per file. */
  public Extractor seeds(List<FileSeed> s) {
    return new Extractor(store, SeedSet.of(s), threads, inPlace, seedFromOutput, durable, progress);
  }

  public Extractor threads(int n) {
    return new Extractor(store, seeds, n, inPlace, seedFromOutput, durable, progress);
  }

  /** Extract into the existing output, keeping chunks that are already right. */
  public Extractor inPlace(boolean b) {
    return new Extractor(store, seeds, threads, b, seedFromOutput, durable, progress);
  }

  /** Whether an existing output file (not in place) is chunked and used as a seed; default on. */
  public Extractor seedFromOutput(boolean b) {
    return new Extractor(store, seeds, threads, inPlace, b, durable, progress);
  }

  /** Force the data to disk before the output is renamed into place. */
  public Extractor durable(boolean b) {
    return new Extractor(store, seeds, threads, inPlace, seedFromOutput, b, progress);
  }

  public Extractor progress(ExtractProgress p) {
    return new Extractor(store, seeds, threads, inPlace, seedFromOutput, durable, p);
  }

  /** Plans without writing: what would come from where. */
  public ExtractPlan plan(ChunkIndex index, Path output) {
    return ExtractPlan.of(
        index, allSeeds(index, output), inPlace ? checkInPlace(index, output) : null);
  }

  public ExtractStats extract(ChunkIndex index, Path output) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "extract");
              t.setDaemon(true);
              return t;
            });
    try {
      boolean[] done = inPlace ? checkInPlace(index, output, pool) : null;
      ExtractPlan plan = ExtractPlan.of(index, allSeeds(index, output), done);
      return inPlace ? writeInPlace(plan, output, pool) : writeViaTemporary(plan, output, pool);
    } finally {
      pool.shutdownNow();
    }
  }

  private SeedSet allSeeds(ChunkIndex index, Path output) {
    if (!inPlace && seedFromOutput && Files.isRegularFile(output)) {
      return seeds.plus(FileSeed.byChunking(output, index.sizes()));
    }
    return seeds;
  }

  private boolean[] checkInPlace(ChunkIndex index, Path output) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      return checkInPlace(index, output, pool);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Which chunks the output already holds, hashing what is on disk in parallel. */
  private boolean[] checkInPlace(ChunkIndex index, Path output, ExecutorService pool) {
    if (!Files.isRegularFile(output)) {
      return new boolean[index.chunks().size()];
    }
    try (FileChannel ch = FileChannel.open(output, StandardOpenOption.READ)) {
      return FileVerifier.matching(index, ch, pool);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + output + ": " + e.getMessage(), e);
    }
  }

  private ExtractStats writeViaTemporary(ExtractPlan plan, Path output, ExecutorService pool) {
    Path parent = output.toAbsolutePath().getParent();
    Path tmp = AtomicFiles.temporarySibling(output.toAbsolutePath());
    try {
      Files.createDirectories(parent);
      ExtractStats stats;
      try (FileChannel out =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE,
              StandardOpenOption.READ)) {
        // A fresh file of the final length reads as zeros, so zero chunks need no writes.
        out.truncate(0);
        if (plan.bytesTotal() > 0) {
          out.write(ByteBuffer.wrap(new byte[1]), plan.bytesTotal() - 1);
        }
        stats = execute(plan, out, false, pool);
        if (durable) {
          out.force(true);
        }
      }
      AtomicFiles.moveIntoPlace(tmp, output);
      return stats;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        // best effort: a leftover temporary file is harmless and named as such
      }
    }
  }

  private ExtractStats writeInPlace(ExtractPlan plan, Path output, ExecutorService pool) {
    try {
      Path parent = output.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      try (FileChannel out =
          FileChannel.open(
              output,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.READ)) {
        ExtractStats stats = execute(plan, out, true, pool);
        // Shrink only after writing: bytes past the new end might have been in-place chunks.
        if (out.size() > plan.bytesTotal()) {
          out.truncate(plan.bytesTotal());
        }
        if (durable) {
          out.force(true);
        }
        return stats;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
    }
  }

  private ExtractStats execute(
      ExtractPlan plan, FileChannel out, boolean writeZeros, ExecutorService pool)
      throws IOException {
    ChunkIndex index = plan.target();
    List<IndexChunk> chunks = index.chunks();
    HashAlgorithm algorithm = index.hashAlgorithm();
    AtomicLong done = new AtomicLong(plan.bytesInPlace());
    AtomicLong fetchedBytes = new AtomicLong();
    AtomicLong fetchedChunks = new AtomicLong();
    AtomicLong seedBytes = new AtomicLong();
    long total = plan.bytesTotal();
    progress.update(done.get(), total);
    Map<Path, FileChannel> seedFiles = new ConcurrentHashMap<>();
    List<ExtractPlan.Step> steps = plan.steps();
    try {
      runAll(
          pool,
          steps.size(),
          k -> {
            ExtractPlan.Step step = steps.get(k);
            if (step instanceof ExtractPlan.Fetch f) {
              byte[] data = fetch(f.id(), f.size());
              fetchedBytes.addAndGet(data.length);
              fetchedChunks.incrementAndGet();
              for (int t : f.targets()) {
                writeFully(out, ByteBuffer.wrap(data), chunks.get(t).start());
                progress.update(done.addAndGet(data.length), total);
              }
            } else if (step instanceof ExtractPlan.SeedCopy s) {
              copyFromSeed(
                  s,
                  seedFiles,
                  out,
                  chunks,
                  algorithm,
                  done,
                  total,
                  seedBytes,
                  fetchedBytes,
                  fetchedChunks);
            } else if (step instanceof ExtractPlan.Zero z) {
              IndexChunk c = chunks.get(z.target());
              if (writeZeros) {
                writeFully(out, ByteBuffer.wrap(new byte[c.size()]), c.start());
              }
              progress.update(done.addAndGet(c.size()), total);
            }
          });
    } finally {
      for (FileChannel ch : seedFiles.values()) {
        ch.close();
      }
    }
    return new ExtractStats(
        total,
        fetchedBytes.get(),
        fetchedChunks.get(),
        seedBytes.get(),
        plan.bytesInPlace(),
        plan.bytesZero(),
        plan.bytesDuplicated());
  }

  private byte[] fetch(ChunkId id, int size) {
    byte[] data = store.get(id);
    if (data.length != size) {
      throw new ChunkInvalidException(
          id,
          "from " + store.location() + " has " + data.length + " bytes, the index says " + size);
    }
    return data;
  }

  /** Copies a run from a seed, checking every chunk; a chunk the seed no longer has is fetched. */
  private void copyFromSeed(
      ExtractPlan.SeedCopy s,
      Map<Path, FileChannel> seedFiles,
      FileChannel out,
      List<IndexChunk> chunks,
      HashAlgorithm algorithm,
      AtomicLong done,
      long total,
      AtomicLong seedBytes,
      AtomicLong fetchedBytes,
      AtomicLong fetchedChunks)
      throws IOException {
    List<IndexChunk> seedChunks = s.seed().index().chunks();
    IndexChunk first = seedChunks.get(s.seedFirst());
    IndexChunk last = seedChunks.get(s.seedFirst() + s.count() - 1);
    int length = (int) (last.end() - first.start());
    byte[] buf = seedBuffer(length);
    FileChannel in = seedFiles.computeIfAbsent(s.seed().file(), Extractor::openSeed);
    ByteBuffer bb = ByteBuffer.wrap(buf, 0, length);
    while (bb.hasRemaining()) {
      if (in.read(bb, first.start() + bb.position()) < 0) {
        break; // a shorter seed fails the check below
      }
    }
    int filled = bb.position();
    for (int k = 0; k < s.count(); k++) {
      IndexChunk sc = seedChunks.get(s.seedFirst() + k);
      IndexChunk tc = chunks.get(s.targetFirst() + k);
      int off = (int) (sc.start() - first.start());
      boolean intact =
          off + sc.size() <= filled
              && ChunkId.digest(buf, off, sc.size(), algorithm).equals(tc.id());
      if (intact) {
        writeFully(out, ByteBuffer.wrap(buf, off, sc.size()), tc.start());
        seedBytes.addAndGet(sc.size());
      } else {
        byte[] data = fetch(tc.id(), tc.size());
        fetchedBytes.addAndGet(data.length);
        fetchedChunks.incrementAndGet();
        writeFully(out, ByteBuffer.wrap(data), tc.start());
      }
      progress.update(done.addAndGet(tc.size()), total);
    }
  }

  // Seed runs are up to a few MiB each; one buffer per thread spares the allocator gigabytes.
  private static final ThreadLocal<byte[]> SEED_BUFFER = ThreadLocal.withInitial(() -> new byte[0]);

  private static byte[] seedBuffer(int length) {
    byte[] b = SEED_BUFFER.get();
    if (b.length < length) {
      b = new byte[length];
      SEED_BUFFER.set(b);
    }
    return b;
  }

  private static FileChannel openSeed(Path p) {
    try {
      return FileChannel.open(p, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open seed " + p + ": " + e.getMessage(), e);
    }
  }

  private static void writeFully(FileChannel out, ByteBuffer b, long position) throws IOException {
    while (b.hasRemaining()) {
      position += out.write(b, position);
    }
  }

  interface IndexedTask {
    void run(int i) throws IOException;
  }

  /** Runs task(0..n-1) on the pool; the first failure stops the rest and is rethrown. */
  static void runAll(ExecutorService pool, int n, IndexedTask task) {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Future<?>> futures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      final int k = i;
      futures.add(
          pool.submit(
              () -> {
                if (failure.get() != null) {
                  return;
                }
                try {
                  task.run(k);
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                }
              }));
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DesyncException("interrupted", e);
      } catch (ExecutionException e) {
        failure.compareAndSet(null, e.getCause());
      }
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error err) {
      throw err;
    }
    if (t instanceof IOException io) {
      throw new UncheckedIOException(io.getMessage(), io);
    }
    if (t != null) {
      throw new DesyncException(t.getMessage(), t);
    }
  }
}
