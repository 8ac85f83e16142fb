package org.vsekai.nebula.activities;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tells a folder the update cannot write to (mounted read-only, its permissions taken away) from a
 * file that is only locked for now (held open by the running game or a virus scanner, which on
 * Windows also reads as "access denied"): it tries to create a file beside the one that failed.
 */
final class FolderWritable {
  private FolderWritable() {}

  /** The folder the failure could not write to, if it cannot be written to at all. */
  static Optional<Path> notWritable(Throwable failure, Path fallback) {
    FileSystemException fs = refusal(failure);
    if (fs == null) {
      return Optional.empty();
    }
    Path dir = fallback;
    if (fs.getFile() != null) {
      Path file = Path.of(fs.getFile());
      dir = Files.isDirectory(file) ? file : file.getParent();
    }
    while (dir != null && !Files.isDirectory(dir)) {
      dir = dir.getParent();
    }
    if (dir == null) {
      return Optional.empty();
    }
    return canCreateIn(dir) ? Optional.empty() : Optional.of(dir);
  }

  /** A refusal to write, as opposed to a file that is missing, present or in the way. */
  private static FileSystemException refusal(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof AccessDeniedException a) {
        return a;
      }
      if (c instanceof FileSystemException fs
          && !(c instanceof NoSuchFileException)
          && !(c instanceof FileAlreadyExistsException)
          && !(c instanceof DirectoryNotEmptyException)) {
        return fs;
      }
    }
    return null;
  }

  private static boolean canCreateIn(Path dir) {
    try {
      Path probe = Files.createTempFile(dir, ".nebula-write-check", ".tmp");
      Files.deleteIfExists(probe);
      return true;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }
}
