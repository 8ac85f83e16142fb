package org.vsekai.nebula.desync;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code .caibx} indexes written by desync (flags 0xA0...) or casync (0xB0...), rejecting
 * anything malformed: wrong magic, truncation, a bad tail, non-increasing offsets, a chunk larger
 * than max.
 */
public final class CaibxReader {
  /** More chunks than this is not an index of a file anyone installs (64 TiB at 1 MiB each). */
  private static final long MAX_CHUNKS = 64L * 1024 * 1024;

  private CaibxReader() {}

  public static ChunkIndex read(Path file) {
    try {
      return read(Files.readAllBytes(file), file.toString());
    } catch (NoSuchFileException e) {
      throw new FileMissingException(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read index " + file + ": " + e.getMessage(), e);
    }
  }

  public static ChunkIndex read(InputStream in, String name) throws IOException {
    return read(in.readAllBytes(), name);
  }

  public static ChunkIndex read(byte[] data) {
    return read(data, "index");
  }

  public static ChunkIndex read(byte[] data, String name) {
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    if (data.length < CaibxFormat.EMPTY_INDEX_SIZE) {
      throw bad(name, "is truncated (" + data.length + " bytes, at least 104 expected)");
    }
    long headerSize = b.getLong(0);
    long type = b.getLong(8);
    if (headerSize != CaibxFormat.HEADER_SIZE || type != CaibxFormat.TYPE_INDEX) {
      throw bad(name, "is not a caibx index (bad magic)");
    }
    long flags = b.getLong(16);
    long min = b.getLong(24);
    long avg = b.getLong(32);
    long max = b.getLong(40);
    ChunkSizes sizes;
    try {
      sizes = new ChunkSizes(min, avg, max);
    } catch (IllegalArgumentException e) {
      throw bad(name, "has invalid chunk sizes: " + e.getMessage());
    }
    if (b.getLong(48) != CaibxFormat.TABLE_SIZE_UNKNOWN
        || b.getLong(56) != CaibxFormat.TYPE_TABLE) {
      throw bad(name, "has no chunk table where one is expected");
    }
    int itemBytes = data.length - CaibxFormat.EMPTY_INDEX_SIZE;
    if (itemBytes % CaibxFormat.ITEM_SIZE != 0) {
      throw bad(name, "is truncated or has trailing bytes (table not a whole number of items)");
    }
    long n = itemBytes / CaibxFormat.ITEM_SIZE;
    if (n > MAX_CHUNKS) {
      throw bad(name, "has too many chunks (" + n + ")");
    }
    int tail = data.length - CaibxFormat.TAIL_SIZE;
    if (b.getLong(tail + 32) != CaibxFormat.TABLE_TAIL_MARKER) {
      throw bad(name, "is truncated (no table tail marker)");
    }
    if (b.getLong(tail) != 0
        || b.getLong(tail + 8) != 0
        || b.getLong(tail + 16) != CaibxFormat.HEADER_SIZE
        || b.getLong(tail + 24)
            != CaibxFormat.TABLE_HEADER_SIZE + CaibxFormat.ITEM_SIZE * n + CaibxFormat.TAIL_SIZE) {
      throw bad(name, "has a table tail that does not match its table");
    }
    List<IndexChunk> chunks = new ArrayList<>((int) n);
    long previous = 0;
    byte[] id = new byte[ChunkId.LENGTH];
    for (int i = 0; i < n; i++) {
      int at =
          (int) CaibxFormat.HEADER_SIZE + CaibxFormat.TABLE_HEADER_SIZE + i * CaibxFormat.ITEM_SIZE;
      long end = b.getLong(at);
      if (Long.compareUnsigned(end, previous) <= 0) {
        throw bad(name, "has a non-increasing offset at chunk " + i);
      }
      long size = end - previous;
      if (size > max) {
        throw bad(name, "has chunk " + i + " of " + size + " bytes, larger than max " + max);
      }
      b.get(at + 8, id);
      chunks.add(new IndexChunk(previous, (int) size, ChunkId.of(id)));
      previous = end;
    }
    return new ChunkIndex(flags, sizes, chunks);
  }

  private static IndexFormatException bad(String name, String what) {
    return new IndexFormatException(name + " " + what);
  }
}
