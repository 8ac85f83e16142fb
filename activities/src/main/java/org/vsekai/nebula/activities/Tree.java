package org.vsekai.nebula.activities;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/** Deleting and measuring folder trees, never following symlinks out of them. */
final class Tree {
  private Tree() {}

  /**
   * Makes a release folder hold exactly {@code files} (paths relative to it, '/'-separated):
   * deletes every other file (the temporaries of an attempt a crash cut short, anything left from
   * an earlier plan) and every folder left empty. Returns how many entries it removed.
   */
  static int keepOnly(Path root, Set<String> files) throws IOException {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    AtomicInteger removed = new AtomicInteger();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String relative = root.relativize(file).toString().replace('\\', '/');
            if (!files.contains(relative) && Files.deleteIfExists(file)) {
              removed.incrementAndGet();
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            if (!dir.equals(root)) {
              try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                if (!entries.iterator().hasNext()) {
                  Files.delete(dir);
                  removed.incrementAndGet();
                }
              }
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return removed.get();
  }

  /**
   * Deletes the temporary files an interrupted write left in a tree ({@code .<name>.tmp-<hex>}, see
   * {@code AtomicFiles}), except any the release itself lists.
   */
  static int deleteTemporaries(Path root, Set<String> files) throws IOException {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    AtomicInteger removed = new AtomicInteger();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String relative = root.relativize(file).toString().replace('\\', '/');
            if (TEMPORARY.matcher(file.getFileName().toString()).matches()
                && !files.contains(relative)
                && Files.deleteIfExists(file)) {
              removed.incrementAndGet();
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return removed.get();
  }

  private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.(tmp-[0-9a-f]+|copy)");

  /** Deletes a tree; returns the bytes of the files removed. Missing is fine. */
  static long delete(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    AtomicLong bytes = new AtomicLong();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            bytes.addAndGet(attrs.size());
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
    return bytes.get();
  }
}
