package org.vsekai.nebula.activities.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.vsekai.nebula.desync.AtomicFiles;

/**
 * The pointer to the installed release. Where the file system has symbolic links, {@code current}
 * is a relative link to {@code versions/<releaseId>}, switched by renaming a new link over it: one
 * rename(2), so at every instant {@code current} names a complete release. Where links need
 * privileges a player does not have (Windows without developer mode), the pointer is the file
 * {@code current.release} holding the release id, replaced by an atomic rename just the same;
 * launchers start {@code versions/<its content>/...}.
 */
public final class CurrentRelease {
  /** The pointer file of folders without symbolic links. */
  public static final String POINTER_FILE = "current.release";

  private final LauncherFolder folder;
  private final boolean links;

  public CurrentRelease(LauncherFolder folder) {
    this(
        folder,
        !(Boolean.getBoolean("nebula.noSymlinks")
            || "1".equals(System.getenv("NEBULA_NO_SYMLINKS"))));
  }

  /**
   * @param allowLinks false forces the pointer file (tests of the Windows fallback)
   */
  public CurrentRelease(LauncherFolder folder, boolean allowLinks) {
    this.folder = folder;
    this.links = allowLinks;
  }

  /** The release the install runs; empty for a folder with nothing installed yet. */
  public Optional<String> releaseId() throws IOException {
    Path link = folder.current();
    if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isSymbolicLink(link)) {
        throw new NotAnInstallException(
            link + " should be a link to versions/<release>, but is not");
      }
      return Optional.of(Files.readSymbolicLink(link).getFileName().toString());
    }
    Path pointer = folder.root().resolve(POINTER_FILE);
    if (Files.isRegularFile(pointer)) {
      String id = Files.readString(pointer, StandardCharsets.UTF_8).trim();
      if (!id.matches("[0-9A-Za-z.+-]+")) {
        throw new NotAnInstallException(pointer + " does not name a release");
      }
      return Optional.of(id);
    }
    return Optional.empty();
  }

  /**
   * The folder a launcher starts the game from: {@code current} where it is a link, else the
   * installed release's own folder. Empty for a folder with nothing installed.
   */
  public Optional<Path> launchDir() throws IOException {
    if (Files.isSymbolicLink(folder.current())) {
      return Optional.of(folder.current());
    }
    return releaseId().map(folder::releaseDir);
  }

  /** Points the install at {@code versions/<releaseId>} in one atomic step. */
  public void switchTo(String releaseId) throws IOException {
    if (links && switchLink(releaseId)) {
      return;
    }
    AtomicFiles.write(
        folder.root().resolve(POINTER_FILE), releaseId.getBytes(StandardCharsets.UTF_8), true);
    // A link left from before must not contradict the pointer.
    if (Files.isSymbolicLink(folder.current())) {
      Files.delete(folder.current());
    }
  }

  /** False when this file system refuses symbolic links. */
  private boolean switchLink(String releaseId) throws IOException {
    Path target = Path.of("versions", releaseId);
    Path link = folder.current();
    if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
      return true;
    }
    Path tmp =
        folder
            .root()
            .resolve(".current.tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      Files.createSymbolicLink(tmp, target);
    } catch (UnsupportedOperationException | FileSystemException noLinksHere) {
      return false;
    }
    try {
      Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    Files.deleteIfExists(folder.root().resolve(POINTER_FILE));
    return true;
  }
}
