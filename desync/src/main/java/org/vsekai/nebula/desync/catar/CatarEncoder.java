package org.vsekai.nebula.desync.catar;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * desync's {@code tar}: walks a directory tree and writes it as a catar stream byte-identical to
 * desync v1.0.4's. Children are visited in byte order of their UTF-8 names, as Go's {@code
 * filepath.Walk} does; symlinks are stored, never followed. FIFOs and sockets are skipped with a
 * warning, leaving their file name record behind exactly as desync does.
 *
 * <p>Extended attributes: only the {@code user.} namespace is visible to Java, so files carrying
 * {@code security.} or {@code trusted.} attributes (which desync would store) give different bytes.
 */
public final class CatarEncoder {
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
  private static final String ATTRIBUTES = "unix:mode,uid,gid,rdev,size,lastModifiedTime";

  private final boolean noTime;
  private final Consumer<String> warnings;

  public CatarEncoder() {
    this(false, w -> {});
  }

  private CatarEncoder(boolean noTime, Consumer<String> warnings) {
    this.noTime = noTime;
    this.warnings = warnings;
  }

  /** Stores every timestamp as zero, like desync's {@code --no-time}. */
  public CatarEncoder noTime(boolean on) {
    return new CatarEncoder(on, warnings);
  }

  /** Receives a line for each node that cannot be archived and is skipped. */
  public CatarEncoder warnings(Consumer<String> sink) {
    return new CatarEncoder(noTime, sink);
  }

  /** Writes the tree at {@code root} to {@code out} (not closed), returning the bytes written. */
  public long encode(Path root, OutputStream out) {
    CatarWriter w = new CatarWriter(out);
    try {
      if (!Files.exists(root, NOFOLLOW)) {
        throw new NoSuchFileException(root.toString());
      }
      node(w, root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot archive " + root + ": " + e.getMessage(), e);
    }
    return w.position();
  }

  /** Writes one node and everything below it; false if it was skipped. */
  private boolean node(CatarWriter w, Path path) throws IOException {
    Map<String, Object> a = Files.readAttributes(path, ATTRIBUTES, NOFOLLOW);
    int mode = (Integer) a.get("mode");
    int type = mode & CatarFormat.S_IFMT;
    boolean supported =
        type == CatarFormat.S_IFDIR
            || type == CatarFormat.S_IFREG
            || type == CatarFormat.S_IFLNK
            || type == CatarFormat.S_IFBLK
            || type == CatarFormat.S_IFCHR;
    if (!supported) {
      warnings.accept("skipping '" + path + "' : unsupported node type");
      return false;
    }
    long entryStart = w.position();
    w.entry(
        new CatarEntry(
            CatarFormat.TAR_FEATURE_FLAGS,
            mode & (CatarFormat.S_IFMT | CatarFormat.MODE_BITS),
            Integer.toUnsignedLong((Integer) a.get("uid")),
            Integer.toUnsignedLong((Integer) a.get("gid")),
            noTime ? 0 : nanos((FileTime) a.get("lastModifiedTime"))));
    if (type == CatarFormat.S_IFDIR || type == CatarFormat.S_IFREG) {
      for (Map.Entry<String, byte[]> x : userXattrs(path).entrySet()) {
        w.xattr(x.getKey().getBytes(StandardCharsets.UTF_8), x.getValue());
      }
    }
    switch (type) {
      case CatarFormat.S_IFDIR -> directory(w, path, entryStart);
      case CatarFormat.S_IFREG -> {
        try (InputStream in = Files.newInputStream(path, NOFOLLOW)) {
          w.payload((Long) a.get("size"), in, path.toString());
        }
      }
      case CatarFormat.S_IFLNK -> w.symlink(linkTarget(path));
      default -> {
        long rdev = (Long) a.get("rdev");
        w.device((rdev >>> 8) & 0xfff, (rdev & 0xff) | ((rdev & 0xfff00000L) >>> 12));
      }
    }
    return true;
  }

  private void directory(CatarWriter w, Path dir, long entryStart) throws IOException {
    List<GoodbyeItem> items = new ArrayList<>();
    for (String name : sortedNames(dir)) {
      long start = w.position();
      w.filename(name);
      node(w, dir.resolve(name));
      items.add(
          new GoodbyeItem(
              start,
              w.position() - start,
              SipHash24.hash(
                  CatarFormat.GOODBYE_HASH_KEY0,
                  CatarFormat.GOODBYE_HASH_KEY1,
                  name.getBytes(StandardCharsets.UTF_8))));
    }
    long goodbyeStart = w.position();
    List<GoodbyeItem> relative = new ArrayList<>(items.size());
    for (GoodbyeItem i : items) {
      relative.add(new GoodbyeItem(goodbyeStart - i.offset(), i.size(), i.hash()));
    }
    w.goodbye(GoodbyeTable.arrange(relative), entryStart);
  }

  /** The names in a directory in byte order of their UTF-8 encoding, as Go sorts them. */
  static List<String> sortedNames(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (name.indexOf('\uFFFD') >= 0) {
          throw new IOException("file name " + p + " is not valid UTF-8");
        }
        names.add(name);
      }
    }
    names.sort(
        (x, y) ->
            Arrays.compareUnsigned(
                x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));
    return names;
  }

  private static byte[] linkTarget(Path link) throws IOException {
    return Files.readSymbolicLink(link).toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code user.} extended attributes by full name, sorted as desync sorts them. */
  private static Map<String, byte[]> userXattrs(Path path) {
    Map<String, byte[]> out =
        new TreeMap<>(
            (x, y) ->
                Arrays.compareUnsigned(
                    x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(path, UserDefinedFileAttributeView.class, NOFOLLOW);
    if (view == null) {
      return out;
    }
    try {
      for (String name : view.list()) {
        ByteBuffer b = ByteBuffer.allocate(view.size(name));
        view.read(name, b);
        out.put("user." + name, Arrays.copyOf(b.array(), b.position()));
      }
    } catch (FileSystemException | UnsupportedOperationException e) {
      // No extended attributes on this file system.
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read extended attributes of " + path + ": " + e.getMessage(), e);
    }
    return out;
  }

  static long nanos(FileTime t) {
    Instant i = t.toInstant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }
}
