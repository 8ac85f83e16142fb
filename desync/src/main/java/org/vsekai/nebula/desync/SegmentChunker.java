package org.vsekai.nebula.desync;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * One worker of the parallel chunker. It chunks from {@code start} as if a chunk began there, and
 * runs past its segment until one of its chunk ends is also a chunk end of the worker after it:
 * from there on both produce the same chunks (the chunker restarts at each cut), so it stops and
 * the next worker's chunks take over. The first worker starts at 0, so by induction the joined
 * result is exactly the sequential chunker's.
 */
final class SegmentChunker {
  interface ChunkSink {
    /** Called for every chunk this worker cuts, before it is known to be kept. */
    void accept(
        SegmentChunker worker, int ordinal, long start, byte[] buf, int off, int len, ChunkId id)
        throws IOException;
  }

  final int number;
  final long start;
  private final long fileEnd;
  private final Chunker chunker;
  private final HashAlgorithm algorithm;
  private SegmentChunker next;

  // Chunk ends and ids in order; guarded by this, read by the previous worker.
  private long[] ends = new long[1024];
  private ChunkId[] ids = new ChunkId[1024];
  private int count;
  private long progress; // end of the last chunk
  private boolean finished;
  private Throwable failure;

  /** Where this worker joined a later worker's chunks, and which one; -1/null if it ran to EOF. */
  private long joinedAt = -1;

  private SegmentChunker joinedWorker;

  SegmentChunker(int number, long start, long fileEnd, Chunker chunker, HashAlgorithm algorithm) {
    this.number = number;
    this.start = start;
    this.fileEnd = fileEnd;
    this.chunker = chunker;
    this.algorithm = algorithm;
    this.progress = start;
  }

  void linkNext(SegmentChunker next) {
    this.next = next;
  }

  void run(FileChannel channel, ChunkSink sink) {
    try {
      ChunkReader reader = new ChunkReader(channel, start, fileEnd, chunker);
      while (reader.next()) {
        ChunkId id = ChunkId.digest(reader.buffer(), reader.offset(), reader.length(), algorithm);
        long end = reader.chunkStart() + reader.length();
        int ordinal = append(end, id);
        sink.accept(
            this,
            ordinal,
            reader.chunkStart(),
            reader.buffer(),
            reader.offset(),
            reader.length(),
            id);
        if (next != null && end > next.start) {
          SegmentChunker owner = next.ownerOfBoundary(end);
          if (owner != null) {
            finish(end, owner, null);
            return;
          }
        }
      }
      finish(-1, null, null);
    } catch (Throwable t) {
      finish(-1, null, t);
    }
  }

  private synchronized int append(long end, ChunkId id) {
    if (count == ends.length) {
      ends = Arrays.copyOf(ends, count * 2);
      ids = Arrays.copyOf(ids, count * 2);
    }
    ends[count] = end;
    ids[count] = id;
    progress = end;
    notifyAll();
    return count++;
  }

  private synchronized void finish(long at, SegmentChunker owner, Throwable t) {
    joinedAt = at;
    joinedWorker = owner;
    failure = t;
    finished = true;
    notifyAll();
  }

  /**
   * The worker whose chunk sequence has a chunk ending at {@code position}: this one, or (past
   * where this one joined its successor) the successor's, or null if there is none. Waits until
   * this worker has got that far.
   */
  SegmentChunker ownerOfBoundary(long position) throws InterruptedException {
    synchronized (this) {
      while (!finished && progress < position) {
        wait();
      }
      if (position <= progress && Arrays.binarySearch(ends, 0, count, position) >= 0) {
        return this;
      }
      if (position <= progress || joinedWorker == null) {
        return null;
      }
    }
    return joinedWorker.ownerOfBoundary(position);
  }

  synchronized void awaitFinished() throws InterruptedException {
    while (!finished) {
      wait();
    }
  }

  synchronized Throwable failure() {
    return failure;
  }

  synchronized long joinedAt() {
    return joinedAt;
  }

  synchronized SegmentChunker joinedWorker() {
    return joinedWorker;
  }

  synchronized int count() {
    return count;
  }

  synchronized long endAt(int i) {
    return ends[i];
  }

  synchronized ChunkId idAt(int i) {
    return ids[i];
  }

  /**
   * Index of the first chunk that starts at {@code position}, i.e. after the chunk ending there.
   */
  synchronized int firstChunkAfter(long position) {
    if (position == start) {
      return 0;
    }
    int i = Arrays.binarySearch(ends, 0, count, position);
    if (i < 0) {
      throw new IllegalStateException("worker " + number + " has no boundary at " + position);
    }
    return i + 1;
  }
}
