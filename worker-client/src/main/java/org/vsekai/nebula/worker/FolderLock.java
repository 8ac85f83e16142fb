package org.vsekai.nebula.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import org.vsekai.nebula.activities.local.LauncherFolder;

/**
 * The one worker of an install folder: {@code .nebula/worker.lock}, held by the process that runs
 * the folder's steps. Two workers on one folder would race each other's staging; and whoever holds
 * the lock knows that a step some earlier worker had started is dead (see {@code UpdateStart}).
 */
public final class FolderLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private FolderLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the folder's lock.
   *
   * @throws WorkerBusyException when another process holds it
   */
  public static FolderLock acquire(LauncherFolder folder) {
    try {
      Files.createDirectories(folder.meta());
      FileChannel channel =
          FileChannel.open(
              folder.meta().resolve("worker.lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException sameProcess) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new WorkerBusyException("another vsekai worker is already serving " + folder.root());
      }
      return new FolderLock(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + folder.meta() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the lock goes with the process anyway
    }
  }
}
