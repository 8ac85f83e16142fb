package org.vsekai.nebula.server.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;
import org.vsekai.nebula.desync.AtomicFiles;

/** Small secrets the service makes for itself on first start and keeps in its data folder. */
public final class SecretFiles {
  private SecretFiles() {}

  /**
   * The file's text, or {@code make}'s written to it readable by the owner only. Written to a
   * temporary file, forced to disk, then linked under the final name, so neither a power cut nor a
   * second service starting at the same moment can leave an empty or half-written secret.
   */
  public static String readOrCreate(Path file, Supplier<String> make) {
    try {
      if (Files.exists(file)) {
        String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!stored.isEmpty()) {
          return stored;
        }
        // Empty: a crash of a version that wrote without forcing; make it again.
        Files.delete(file);
      }
      Files.createDirectories(file.getParent());
      String value = make.get();
      Path tmp = AtomicFiles.temporarySibling(file);
      try {
        AtomicFiles.writePrivate(tmp, (value + "\n").getBytes(StandardCharsets.UTF_8));
        try {
          // A link, not a rename: it fails if another process made the secret first.
          Files.createLink(file, tmp);
        } catch (FileAlreadyExistsException raced) {
          // the other one's secret stands
        } catch (UnsupportedOperationException | IOException noLinks) {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file + ": " + e.getMessage(), e);
    }
  }
}
