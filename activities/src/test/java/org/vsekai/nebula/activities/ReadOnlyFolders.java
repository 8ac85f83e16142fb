package org.vsekai.nebula.activities;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Folders made unwritable for real: by their permissions, or, for root (whom permissions do not
 * stop), by the immutable attribute.
 */
final class ReadOnlyFolders {
  private static final List<Runnable> UNDO = new ArrayList<>();

  private ReadOnlyFolders() {}

  static void make(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    if (isRoot()) {
      Assumptions.assumeTrue(
          run("chattr", "+i", dir.toString()),
          "root ignores permissions, and chattr +i is not allowed here");
      UNDO.add(() -> run("chattr", "-i", dir.toString()));
    } else {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
      UNDO.add(
          () -> {
            try {
              Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }

  static void undoAll() {
    UNDO.forEach(Runnable::run);
    UNDO.clear();
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static boolean run(String... command) {
    try {
      return new ProcessBuilder(command).inheritIO().start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
