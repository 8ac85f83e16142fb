package org.vsekai.nebula.activities.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code current} pointer of a launcher folder: a relative symlink to {@code
 * versions/<releaseId>}. Switching it is one rename(2) of a new link over the old, which POSIX
 * makes atomic: at every instant {@code current} names a complete release.
 */
public final class CurrentRelease {
  private final LauncherFolder folder;

  public CurrentRelease(LauncherFolder folder) {
    this.folder = folder;
  }

  /** The release {@code current} points to; empty for a folder with nothing installed yet. */
  public Optional<String> releaseId() throws IOException {
    Path link = folder.current();
    if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
    if (!Files.isSymbolicLink(link)) {
      throw new NotAnInstallException(link + " should be a link to versions/<release>, but is not");
    }
    return Optional.of(Files.readSymbolicLink(link).getFileName().toString());
  }

  /** Points {@code current} at {@code versions/<releaseId>} in one atomic step. */
  public void switchTo(String releaseId) throws IOException {
    Path target = Path.of("versions", releaseId);
    Path link = folder.current();
    if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) return;
    Path tmp = folder.root().resolve(".current.tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    Files.createSymbolicLink(tmp, target);
    try {
      Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
