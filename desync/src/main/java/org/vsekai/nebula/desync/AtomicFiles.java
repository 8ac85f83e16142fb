package org.vsekai.nebula.desync;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Writes that a crash cannot leave half done: a temporary file beside the target, then rename. */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** A unique temporary name in the target's folder, so the final rename never crosses devices. */
  public static Path temporarySibling(Path target) {
    String name = target.getFileName().toString();
    return target.resolveSibling(
        "." + name + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
  }

  public static void write(Path target, byte[] data) throws IOException {
    write(target, data, false);
  }

  /**
   * Writes {@code data} to {@code target} atomically; with {@code durable} the data is forced to
   * disk before the rename, so a power cut cannot expose an empty file under the final name.
   */
  public static void write(Path target, byte[] data, boolean durable) throws IOException {
    write(target, data, durable, false);
  }

  /**
   * Writes a file only its owner may read or write (a credential), atomically and durably. On POSIX
   * the file is created {@code rw-------}, never briefly readable by others; on Windows it inherits
   * its folder's ACL, which under the user's profile is the user's alone.
   */
  public static void writePrivate(Path target, byte[] data) throws IOException {
    write(target, data, true, true);
  }

  private static void write(Path target, byte[] data, boolean durable, boolean ownerOnly)
      throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path tmp = temporarySibling(target);
    try {
      try (FileChannel ch = open(tmp, ownerOnly)) {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        if (durable) {
          ch.force(true);
        }
      }
      moveIntoPlace(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static FileChannel open(Path tmp, boolean ownerOnly) throws IOException {
    Set<StandardOpenOption> options =
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    if (ownerOnly && tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return FileChannel.open(
          tmp,
          options,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return FileChannel.open(tmp, options);
  }

  /** Renames atomically where the file system can, replacing what is there. */
  public static void moveIntoPlace(Path source, Path target) throws IOException {
    try {
      Files.move(
          source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
