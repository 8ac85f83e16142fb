package org.vsekai.nebula.desync.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Folder trees with every kind of node catar stores, and a way to compare two trees. */
public final class CatarTrees {
  private CatarTrees() {}

  /**
   * Nested and empty folders; files empty, small, larger than a chunk, zeros; symlinks relative,
   * absolute and dangling; executable, setuid, setgid and sticky modes; Unicode names whose byte
   * order differs from Java's string order; a folder with enough entries for a deep goodbye tree;
   * and nanosecond modification times.
   */
  public static Path everyKind(Path root) throws IOException {
    Files.createDirectories(root);
    List<Path> dirs = new ArrayList<>();
    Path a = dir(root.resolve("a"), dirs);
    Path ab = dir(a.resolve("b"), dirs);
    dir(root.resolve("empty"), dirs);
    dir(ab.resolve("deeper-empty"), dirs);
    Path unicode = dir(root.resolve("日本語"), dirs);
    Path many = dir(root.resolve("many"), dirs);
    Path shared = dir(root.resolve("shared"), dirs);
    TestData.write(root.resolve("empty-file"), new byte[0]);
    TestData.write(root.resolve("small.txt"), "hello\n".getBytes());
    TestData.write(root.resolve("日本語.txt"), "日本語\n".getBytes("UTF-8"));
    TestData.write(root.resolve("café"), "crème".getBytes("UTF-8"));
    TestData.write(root.resolve("\uFF21-fullwidth"), new byte[] {1});
    TestData.write(root.resolve("\uD83D\uDE00-emoji"), new byte[] {2});
    TestData.write(root.resolve("Zebra"), new byte[] {3});
    TestData.write(unicode.resolve("ファイル"), TestData.random(7, 1000));
    TestData.write(ab.resolve("big.bin"), TestData.random(8, 1_300_000));
    TestData.write(a.resolve("medium.bin"), TestData.random(9, 300_000));
    TestData.write(a.resolve("zeros.bin"), new byte[200_000]);
    Path run = TestData.write(root.resolve("run.sh"), "#!/bin/sh\necho hi\n".getBytes());
    Files.setAttribute(run, "unix:mode", 0755);
    Path privateExe = TestData.write(a.resolve("private-exe"), new byte[] {4});
    Files.setAttribute(privateExe, "unix:mode", 0700);
    Path setuid = TestData.write(a.resolve("setuid"), new byte[] {5});
    Files.setAttribute(setuid, "unix:mode", 04755);
    Path readOnly = TestData.write(root.resolve("read-only"), new byte[] {6});
    Files.setAttribute(readOnly, "unix:mode", 0444);
    for (int i = 0; i < 45; i++) {
      TestData.write(many.resolve("f" + i), ("file " + i).getBytes());
    }
    Files.createSymbolicLink(root.resolve("link-relative"), Path.of("a/b/big.bin"));
    Files.createSymbolicLink(root.resolve("link-absolute"), Path.of("/etc/hostname"));
    Files.createSymbolicLink(root.resolve("link-dangling"), Path.of("no/such/thing"));
    Files.createSymbolicLink(a.resolve("link-up"), Path.of("../日本語.txt"));
    long t = 1_600_000_000L;
    int k = 0;
    try (var walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        if (!Files.isSymbolicLink(p) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.setLastModifiedTime(p, time(t + k, 123_456_789 + k));
          k++;
        }
      }
    }
    Files.setAttribute(shared, "unix:mode", 01777);
    Files.setAttribute(unicode, "unix:mode", 02755);
    Files.setAttribute(a, "unix:mode", 0750);
    dirs.add(root);
    for (Path d : dirs) {
      Files.setLastModifiedTime(d, time(t - 1000 + k, 987_654_321 - k));
      k++;
    }
    return root;
  }

  private static Path dir(Path p, List<Path> dirs) throws IOException {
    Files.createDirectories(p);
    dirs.add(p);
    return p;
  }

  private static FileTime time(long seconds, long nanos) {
    return FileTime.from(Instant.ofEpochSecond(seconds, nanos));
  }

  /**
   * What two trees must agree on, by relative path: the node's type and mode bits, owner, contents
   * (hash), symlink target, and modification time (not for symlinks, which neither desync nor we
   * restore).
   */
  public static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a)
              throws IOException {
            out.put(rel(root, d), describe(d));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            out.put(rel(root, f), describe(f));
            return FileVisitResult.CONTINUE;
          }
        });
    return out;
  }

  private static String rel(Path root, Path p) {
    String s = root.relativize(p).toString();
    return s.isEmpty() ? "." : s;
  }

  private static String describe(Path p) throws IOException {
    Map<String, Object> a =
        Files.readAttributes(p, "unix:mode,uid,gid,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) a.get("mode");
    String common = String.format("mode=%o owner=%s:%s", mode, a.get("uid"), a.get("gid"));
    if (Files.isSymbolicLink(p)) {
      return common + " -> " + Files.readSymbolicLink(p);
    }
    String time = " mtime=" + ((FileTime) a.get("lastModifiedTime")).toInstant();
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      return common + time;
    }
    return common + time + " sha256=" + sha256(p);
  }

  private static String sha256(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The chunk files of a store, by relative path. */
  public static List<String> chunkFiles(Path store) throws IOException {
    try (var walk = Files.walk(store)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".cacnk"))
          .map(p -> store.relativize(p).toString())
          .sorted()
          .toList();
    }
  }
}
