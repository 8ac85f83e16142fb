package org.vsekai.nebula.desync;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Feeds a {@link Chunker} from a file, starting at any offset, through one reusable buffer: each
 * {@link #next()} leaves the chunk's bytes at {@code buffer()[offset() .. offset()+length())}.
 */
final class ChunkReader {
  private final FileChannel channel;
  private final Chunker chunker;
  private final long fileEnd;
  private final byte[] buf;
  private final int max;

  private long bufStart; // file position of buf[0]
  private int filled; // valid bytes in buf
  private int cursor; // start of the next chunk in buf
  private int chunkOffset;
  private int chunkLength;

  ChunkReader(FileChannel channel, long start, long fileEnd, Chunker chunker) {
    this.channel = channel;
    this.chunker = chunker;
    this.fileEnd = fileEnd;
    this.max = chunker.sizes().maxInt();
    // Large reads amortise the system calls; several max-sized chunks per refill.
    this.buf = new byte[Math.max(4 << 20, 4 * max)];
    this.bufStart = start;
  }

  /** Advances to the next chunk; false at the end of the file. */
  boolean next() throws IOException {
    long position = bufStart + cursor;
    if (position >= fileEnd) {
      return false;
    }
    if (filled - cursor < max && bufStart + filled < fileEnd) {
      refill();
    }
    int available = filled - cursor;
    chunkOffset = cursor;
    chunkLength = chunker.nextChunkLength(buf, cursor, available);
    cursor += chunkLength;
    return true;
  }

  private void refill() throws IOException {
    int keep = filled - cursor;
    System.arraycopy(buf, cursor, buf, 0, keep);
    bufStart += cursor;
    cursor = 0;
    filled = keep;
    ByteBuffer target = ByteBuffer.wrap(buf);
    while (filled < buf.length && bufStart + filled < fileEnd) {
      target.limit((int) Math.min(buf.length, fileEnd - bufStart));
      target.position(filled);
      int n = channel.read(target, bufStart + filled);
      if (n < 0) {
        throw new IOException("file shrank while it was being chunked");
      }
      filled += n;
    }
  }

  byte[] buffer() {
    return buf;
  }

  int offset() {
    return chunkOffset;
  }

  int length() {
    return chunkLength;
  }

  long chunkStart() {
    return bufStart + chunkOffset;
  }
}
