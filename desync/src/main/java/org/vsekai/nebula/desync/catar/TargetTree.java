package org.vsekai.nebula.desync.catar;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes nodes into the target folder as desync's {@code untar} does, and never through a symlink:
 * every path is a folder this extraction created or checked to be a real folder, plus one checked
 * name; nothing is opened or changed following a link.
 */
final class TargetTree {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private final boolean sameOwner;
  private final boolean samePermissions;
  private final Consumer<String> warnings;

  TargetTree(boolean sameOwner, boolean samePermissions, Consumer<String> warnings) {
    this.sameOwner = sameOwner;
    this.samePermissions = samePermissions;
    this.warnings = warnings;
  }

  /** Creates the folder (or reuses a real one) writable for what goes into it. */
  void directory(Path dir, CatarEntry e) throws IOException {
    boolean created = false;
    int existing = 0;
    if (Files.exists(dir, NOFOLLOW)) {
      if (!Files.isDirectory(dir, NOFOLLOW)) {
        throw new CatarFormatException(dir + " exists and is not a directory");
      }
      existing = mode(dir) & CatarFormat.MODE_BITS;
    } else {
      Files.createDirectory(dir);
      created = true;
    }
    if (samePermissions) {
      if (created || (existing & 0300) != 0300) {
        chmod(dir, e.permissions() | 0700);
      }
    } else if (!created && (existing & 0300) != 0300) {
      chmod(dir, existing | 0700);
    }
  }

  /** Owner, extended attributes, mode and time of a folder once everything in it is written. */
  void finishDirectory(Path dir, CatarEntry e, Map<String, byte[]> xattrs) throws IOException {
    if (sameOwner) {
      chown(dir, e);
      setXattrs(dir, xattrs);
    }
    if (samePermissions) {
      chmod(dir, e.permissions());
    }
    setTime(dir, e);
  }

  void file(Path file, CatarEntry e, Map<String, byte[]> xattrs, InputStream data)
      throws IOException {
    removeAll(file);
    try (OutputStream out =
        Files.newOutputStream(
            file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = data.read(buf)) > 0; ) {
        out.write(buf, 0, n);
      }
    }
    if (sameOwner) {
      chown(file, e);
      setXattrs(file, xattrs);
    }
    if (samePermissions) {
      chmod(file, e.permissions());
    }
    setTime(file, e);
  }

  void symlink(Path link, CatarEntry e, String target) throws IOException {
    if (Files.isDirectory(link, NOFOLLOW)) {
      Files.delete(link); // only an empty folder, as desync
    } else {
      Files.deleteIfExists(link);
    }
    Files.createSymbolicLink(link, Path.of(target));
    if (sameOwner) {
      chown(link, e);
    }
  }

  private void chown(Path p, CatarEntry e) throws IOException {
    Map<String, Object> a = Files.readAttributes(p, "unix:uid,gid", NOFOLLOW);
    long uid = Integer.toUnsignedLong((Integer) a.get("uid"));
    long gid = Integer.toUnsignedLong((Integer) a.get("gid"));
    try {
      if (uid != e.uid()) {
        Files.setAttribute(p, "unix:uid", (int) e.uid(), NOFOLLOW);
      }
      if (gid != e.gid()) {
        Files.setAttribute(p, "unix:gid", (int) e.gid(), NOFOLLOW);
      }
    } catch (IOException x) {
      throw new IOException(
          "cannot give "
              + p
              + " owner "
              + e.uid()
              + ":"
              + e.gid()
              + " (use --no-same-owner): "
              + x.getMessage(),
          x);
    }
  }

  private void setXattrs(Path p, Map<String, byte[]> xattrs) throws IOException {
    if (xattrs.isEmpty()) {
      return;
    }
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(p, UserDefinedFileAttributeView.class, NOFOLLOW);
    for (Map.Entry<String, byte[]> x : xattrs.entrySet()) {
      if (view == null || !x.getKey().startsWith("user.")) {
        warnings.accept("extended attribute " + x.getKey() + " of " + p + " not restored");
        continue;
      }
      view.write(x.getKey().substring(5), ByteBuffer.wrap(x.getValue()));
    }
  }

  private static void chmod(Path p, int bits) throws IOException {
    Files.setAttribute(p, "unix:mode", bits, NOFOLLOW);
  }

  private static int mode(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW);
  }

  private static void setTime(Path p, CatarEntry e) throws IOException {
    if (e.mtimeNanos() == 0) {
      return;
    }
    FileTime t =
        FileTime.from(
            Instant.ofEpochSecond(
                Math.floorDiv(e.mtimeNanos(), 1_000_000_000L),
                Math.floorMod(e.mtimeNanos(), 1_000_000_000L)));
    Files.getFileAttributeView(p, BasicFileAttributeView.class, NOFOLLOW).setTimes(t, t, null);
  }

  /** Deletes whatever is at {@code p}, a folder with its contents, following no link. */
  static void removeAll(Path p) throws IOException {
    if (!Files.exists(p, NOFOLLOW)) {
      return;
    }
    if (!Files.isDirectory(p, NOFOLLOW)) {
      Files.delete(p);
      return;
    }
    Files.walkFileTree(
        p,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            Files.delete(f);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
