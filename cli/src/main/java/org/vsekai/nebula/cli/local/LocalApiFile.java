package org.vsekai.nebula.cli.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.vsekai.nebula.activities.local.Json;
import org.vsekai.nebula.activities.local.LauncherFolder;

/**
 * Where the install's worker serves its local API and the secret every call carries: {@code
 * .nebula/local-api.json}, readable by the install's owner only, written anew each time the worker
 * starts. Another user of the machine cannot read the secret; a web page cannot read files at all.
 */
public record LocalApiFile(int port, String secret, long pid) {

  public static Path path(LauncherFolder folder) {
    return folder.meta().resolve("local-api.json");
  }

  /** A fresh secret for a worker about to serve on {@code port}. */
  static LocalApiFile create(LauncherFolder folder, int port) throws IOException {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    LocalApiFile file =
        new LocalApiFile(port, HexFormat.of().formatHex(secret), ProcessHandle.current().pid());
    Json.writePrivate(path(folder), file);
    return file;
  }

  public static Optional<LocalApiFile> read(LauncherFolder folder) throws IOException {
    return Json.read(path(folder), LocalApiFile.class);
  }

  static void delete(LauncherFolder folder) {
    try {
      Files.deleteIfExists(path(folder));
    } catch (IOException e) {
      // A stale file names a port nothing answers on; the GUI then starts a worker.
    }
  }
}
