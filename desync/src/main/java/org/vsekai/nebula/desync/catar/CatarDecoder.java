package org.vsekai.nebula.desync.catar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * desync's {@code untar}: reads a catar stream and writes the tree it holds into a target folder,
 * with modes, owners (unless told not to) and modification times as desync restores them. A
 * truncated or malformed stream, a file name that is not a single plain name, or a node that is not
 * a folder, file or symlink stops the extraction with a {@link CatarFormatException}; nothing is
 * ever written outside the target folder. Device nodes are refused (Java cannot make them).
 */
public final class CatarDecoder {
  private final boolean sameOwner;
  private final boolean samePermissions;
  private final Consumer<String> warnings;

  public CatarDecoder() {
    this(true, true, w -> {});
  }

  private CatarDecoder(boolean sameOwner, boolean samePermissions, Consumer<String> warnings) {
    this.sameOwner = sameOwner;
    this.samePermissions = samePermissions;
    this.warnings = warnings;
  }

  /** Leaves files owned by whoever extracts them, like desync's {@code --no-same-owner}. */
  public CatarDecoder noSameOwner(boolean on) {
    return new CatarDecoder(!on, samePermissions, warnings);
  }

  /** Leaves modes to the umask, like desync's {@code --no-same-permissions}. */
  public CatarDecoder noSamePermissions(boolean on) {
    return new CatarDecoder(sameOwner, !on, warnings);
  }

  public CatarDecoder warnings(Consumer<String> sink) {
    return new CatarDecoder(sameOwner, samePermissions, sink);
  }

  /** A folder being filled: its path, its entry, and its extended attributes. */
  private record OpenDirectory(Path path, CatarEntry entry, Map<String, byte[]> xattrs) {}

  /** The metadata records after an entry, and the record that says what the node is. */
  private record Node(CatarEntry entry, Map<String, byte[]> xattrs, CatarRecord kind) {}

  /**
   * Extracts the archive read from {@code in} into {@code target}, created if missing.
   *
   * @param name the archive's name for messages
   */
  public void decode(InputStream in, Path target, String name) {
    CatarReader r = new CatarReader(in, name);
    try {
      run(r, target);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot extract " + name + " into " + target + ": " + e.getMessage(), e);
    }
  }

  private void run(CatarReader r, Path target) throws IOException {
    CatarRecord first = r.next();
    if (first == null) {
      throw r.bad("is empty");
    }
    if (!(first instanceof CatarRecord.Entry rootEntry)) {
      throw r.bad("does not start with an entry record (is it a catar archive?)");
    }
    Node root = node(r, rootEntry);
    if (!(root.kind() instanceof CatarRecord.Filename
        || root.kind() instanceof CatarRecord.Goodbye)) {
      throw r.bad("holds a single file, not a folder; only folder archives can be extracted");
    }
    TargetTree tree = new TargetTree(sameOwner, samePermissions, warnings);
    Files.createDirectories(target);
    Path top = target.toRealPath();
    tree.directory(top, root.entry());
    Deque<OpenDirectory> open = new ArrayDeque<>();
    open.push(new OpenDirectory(top, root.entry(), root.xattrs()));
    String pendingName = null;
    CatarRecord rec = root.kind();
    while (true) {
      if (rec == null) {
        throw r.bad("is truncated: it ends inside folder " + relative(top, open.peek().path()));
      }
      if (rec instanceof CatarRecord.Filename f) {
        checkName(r, f);
        // desync leaves the name of a FIFO or socket it skipped in the stream: the next name wins.
        pendingName = f.name();
        rec = r.next();
      } else if (rec instanceof CatarRecord.Goodbye) {
        pendingName = null;
        OpenDirectory done = open.pop();
        tree.finishDirectory(done.path(), done.entry(), done.xattrs());
        if (open.isEmpty()) {
          break;
        }
        rec = r.next();
      } else if (rec instanceof CatarRecord.Entry e) {
        if (pendingName == null) {
          throw r.bad("has an entry without a file name" + at(e));
        }
        Path path = open.peek().path().resolve(pendingName);
        pendingName = null;
        Node n = node(r, e);
        if (n.kind() instanceof CatarRecord.Payload) {
          tree.file(path, n.entry(), n.xattrs(), r.payload());
          rec = r.next();
        } else if (n.kind() instanceof CatarRecord.Symlink s) {
          tree.symlink(path, n.entry(), s.target());
          rec = r.next();
        } else if (n.kind() instanceof CatarRecord.Device) {
          throw r.bad("holds device node " + relative(top, path) + ", which cannot be extracted");
        } else if (n.kind() instanceof CatarRecord.Filename
            || n.kind() instanceof CatarRecord.Goodbye) {
          tree.directory(path, n.entry());
          open.push(new OpenDirectory(path, n.entry(), n.xattrs()));
          rec = n.kind();
        } else if (n.kind() == null) {
          throw r.bad("is truncated: it ends after the entry of " + relative(top, path));
        } else {
          throw unexpected(r, n.kind());
        }
      } else {
        throw unexpected(r, rec);
      }
    }
    if (r.next() != null) {
      throw r.bad("has data after the end of its root folder");
    }
  }

  /** Reads the metadata records after an entry, up to the record that tells what it is. */
  private static Node node(CatarReader r, CatarRecord.Entry e) throws IOException {
    Map<String, byte[]> xattrs = new LinkedHashMap<>();
    while (true) {
      CatarRecord next = r.next();
      if (next instanceof CatarRecord.XAttr x) {
        xattrs.put(new String(x.name(), StandardCharsets.UTF_8), x.value());
      } else if (!(next instanceof CatarRecord.Ignored)) {
        return new Node(e.entry(), xattrs, next);
      }
    }
  }

  private static void checkName(CatarReader r, CatarRecord.Filename f) {
    String n = f.name();
    if (n.isEmpty() || n.equals(".") || n.equals("..") || n.contains("/") || n.contains("\\")) {
      throw r.bad("has an unsafe file name '" + n + "'" + at(f));
    }
  }

  private static CatarFormatException unexpected(CatarReader r, CatarRecord rec) {
    String kind = rec.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    return r.bad("has an unexpected " + kind + " record" + at(rec));
  }

  private static String at(CatarRecord rec) {
    return " at byte " + rec.offset();
  }

  private static String relative(Path top, Path p) {
    String s = top.relativize(p).toString();
    return s.isEmpty() ? "." : s;
  }
}
