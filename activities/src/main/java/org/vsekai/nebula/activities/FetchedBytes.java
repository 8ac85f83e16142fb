package org.vsekai.nebula.activities;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import org.vsekai.nebula.activities.local.LauncherFolder;

/**
 * The bytes a download batch has fetched, counted on disk as chunks arrive (one 8-byte slot per
 * batch in {@code plans/<planId>.fetched}), so an attempt that was killed does not take its count
 * with it: the next attempt starts from it and the update's result counts every byte that crossed
 * the wire. Not synced: a killed process leaves its writes in the page cache; only a power cut can
 * lose the last few, and they are only a count.
 */
final class FetchedBytes implements AutoCloseable {
  private final FileChannel file;
  private final long offset;
  private final ByteBuffer slot = ByteBuffer.allocate(Long.BYTES);

  private FetchedBytes(FileChannel file, int batch) {
    this.file = file;
    this.offset = (long) batch * Long.BYTES;
  }

  static FetchedBytes open(LauncherFolder folder, String planId, int batch) throws IOException {
    Files.createDirectories(folder.plans());
    return new FetchedBytes(
        FileChannel.open(
            folder.fetchedBytes(planId),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE),
        batch);
  }

  /** What earlier attempts of this batch fetched; 0 for the first. */
  synchronized long stored() throws IOException {
    slot.clear();
    int read = 0;
    while (slot.hasRemaining()) {
      int n = file.read(slot, offset + read);
      if (n < 0) {
        return 0;
      }
      read += n;
    }
    return Math.max(0, slot.flip().getLong());
  }

  /** Records the batch's total so far; a failure to record costs only the count. */
  synchronized void record(long total) {
    slot.clear();
    slot.putLong(total).flip();
    try {
      while (slot.hasRemaining()) {
        file.write(slot, offset + slot.position());
      }
    } catch (IOException e) {
      // The count is for progress and records; the download itself goes on.
    }
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
