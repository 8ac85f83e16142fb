package org.vsekai.nebula.api.tuf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The client's trusted metadata, one file per top-level role in a folder of the install. Each is
 * replaced by write, fsync and rename, so a crash leaves either the old or the new file, never a
 * torn one, and nothing is written before it was verified.
 */
public final class TrustedMetadataStore {
  private final Path dir;

  public TrustedMetadataStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Optional<byte[]> read(String role) {
    try {
      return Optional.of(Files.readAllBytes(dir.resolve(role + ".json")));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trusted " + role + " metadata", e);
    }
  }

  public void write(String role, byte[] bytes) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + role + ".", ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      try {
        Files.move(
            tmp,
            dir.resolve(role + ".json"),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dir.resolve(role + ".json"), StandardCopyOption.REPLACE_EXISTING);
      }
      syncDir();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write trusted " + role + " metadata", e);
    }
  }

  public void delete(String role) {
    try {
      Files.deleteIfExists(dir.resolve(role + ".json"));
      syncDir();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete trusted " + role + " metadata", e);
    }
  }

  // The rename is durable only once the folder's entry is; Windows cannot open a folder, and
  // NTFS journals the rename itself.
  private void syncDir() {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform lets a folder be opened; the file itself is already on disk.
    }
  }
}
