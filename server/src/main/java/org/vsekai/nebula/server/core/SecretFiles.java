package org.vsekai.nebula.server.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/** Small secrets the service makes for itself on first start and keeps in its data folder. */
final class SecretFiles {
  private SecretFiles() {}

  /** The file's text, or {@code make}'s written to it readable by the owner only. */
  static String readOrCreate(Path file, Supplier<String> make) {
    try {
      if (Files.exists(file)) return Files.readString(file, StandardCharsets.UTF_8).strip();
      Files.createDirectories(file.getParent());
      String value = make.get();
      Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      try {
        Files.createFile(
            tmp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(tmp); // not POSIX (Windows): the folder's ACL protects it
      }
      Files.writeString(tmp, value + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        Files.deleteIfExists(tmp);
      }
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file + ": " + e.getMessage(), e);
    }
  }
}
