package org.vsekai.nebula.desync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Writes indexes byte-identical to desync's for the same chunks and flags. */
public final class CaibxWriter {
  private CaibxWriter() {}

  public static byte[] toBytes(ChunkIndex index) {
    int n = index.chunks().size();
    ByteBuffer b =
        ByteBuffer.allocate(CaibxFormat.EMPTY_INDEX_SIZE + n * CaibxFormat.ITEM_SIZE)
            .order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(CaibxFormat.HEADER_SIZE)
        .putLong(CaibxFormat.TYPE_INDEX)
        .putLong(index.featureFlags());
    b.putLong(index.sizes().min()).putLong(index.sizes().avg()).putLong(index.sizes().max());
    b.putLong(CaibxFormat.TABLE_SIZE_UNKNOWN).putLong(CaibxFormat.TYPE_TABLE);
    byte[] id = new byte[ChunkId.LENGTH];
    for (IndexChunk c : index.chunks()) {
      b.putLong(c.end());
      c.id().copyTo(id, 0);
      b.put(id);
    }
    b.putLong(0).putLong(0).putLong(CaibxFormat.HEADER_SIZE);
    b.putLong(
        CaibxFormat.TABLE_HEADER_SIZE + (long) CaibxFormat.ITEM_SIZE * n + CaibxFormat.TAIL_SIZE);
    b.putLong(CaibxFormat.TABLE_TAIL_MARKER);
    return b.array();
  }

  /** Writes the index through a temporary file renamed into place. */
  public static void write(ChunkIndex index, Path file) {
    try {
      AtomicFiles.write(file, toBytes(index));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write index " + file + ": " + e.getMessage(), e);
    }
  }
}
