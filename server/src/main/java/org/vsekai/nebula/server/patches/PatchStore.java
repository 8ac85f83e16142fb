package org.vsekai.nebula.server.patches;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vsekai.nebula.desync.AtomicFiles;
import org.vsekai.nebula.server.store.IndexStore;

/**
 * The service's binary patches, content-addressed: {@code <dir>/<sha256 of its bytes>.zst}. A patch
 * is immutable once stored and is in place before any metadata names it.
 */
public final class PatchStore {
  private final Path dir;

  public PatchStore(Path dir) {
    this.dir = dir;
  }

  public Path path(String sha256) {
    if (!IndexStore.isSha256Hex(sha256)) {
      throw new IllegalArgumentException("'" + sha256 + "' is not a SHA-256 in hex");
    }
    return dir.resolve(sha256 + ".zst");
  }

  public boolean has(String sha256) {
    return Files.isRegularFile(path(sha256));
  }

  /** A fresh folder in the store's, for the files a patch is made from; the caller deletes it. */
  public Path workFolder() throws IOException {
    Files.createDirectories(dir);
    return Files.createTempDirectory(dir, ".work-");
  }

  /** A fresh file in the store's folder to write a patch to, then {@link #adopt}. */
  public Path temporary() throws IOException {
    Files.createDirectories(dir);
    return Files.createTempFile(dir, ".patch-", ".tmp");
  }

  /** Moves a written, synced temporary into place under its hash. */
  public void adopt(Path temporary, String sha256) throws IOException {
    if (has(sha256)) {
      Files.delete(temporary);
      return;
    }
    AtomicFiles.moveIntoPlace(temporary, path(sha256));
  }
}
