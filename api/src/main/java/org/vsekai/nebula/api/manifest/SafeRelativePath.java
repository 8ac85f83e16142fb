package org.vsekai.nebula.api.manifest;

import java.util.regex.Pattern;

/**
 * Checks that a path from a manifest stays inside the install folder on every platform: no absolute
 * paths, drive letters, backslashes, "." or ".." segments, empty segments or control characters.
 * The checks are textual on purpose, so the answer never depends on the local disk.
 */
public final class SafeRelativePath {
  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

  private SafeRelativePath() {}

  /** Returns the path unchanged, or throws naming what makes it unsafe. */
  public static String require(String path) {
    String problem = problem(path);
    if (problem != null) {
      throw new IllegalArgumentException("unsafe path '" + path + "': " + problem);
    }
    return path;
  }

  /** Null when the path is safe, otherwise why it is not. */
  public static String problem(String path) {
    if (path == null || path.isEmpty()) return "empty";
    if (path.length() > 1024) return "longer than 1024 characters";
    if (path.startsWith("/")) return "absolute";
    if (DRIVE.matcher(path).matches()) return "has a drive letter";
    if (path.indexOf('\\') >= 0) return "contains a backslash";
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) < 0x20 || path.charAt(i) == 0x7f) return "contains a control character";
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()) return "has an empty segment";
      if (segment.equals("..")) return "escapes the install folder";
      if (segment.equals(".")) return "has a '.' segment";
    }
    return null;
  }
}
