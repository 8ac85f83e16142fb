package org.vsekai.nebula.api.manifest;

import java.text.Normalizer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks that a path from a manifest stays inside the install folder and names the same one file on
 * every platform: no absolute paths, drive letters, backslashes, "." or ".." segments, empty
 * segments or control characters; and nothing Windows would read otherwise: its reserved device
 * names ({@code CON}, {@code aux.txt}, {@code COM1}), a segment ending in a dot or a space (which
 * Windows drops), or {@code < > : " | ? *}. The checks are textual on purpose, so the answer never
 * depends on the local disk. {@link #collision} checks a release's paths against each other.
 */
public final class SafeRelativePath {
  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

  /** Windows' device names, whatever the extension or case: {@code nul}, {@code Aux.txt}. */
  private static final Pattern RESERVED =
      Pattern.compile(
          "(?i)(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])(\\..*)?");

  private static final String WINDOWS_FORBIDDEN = "<>:\"|?*";

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
    if (path == null || path.isEmpty()) {
      return "empty";
    }
    if (path.length() > 1024) {
      return "longer than 1024 characters";
    }
    if (path.startsWith("/")) {
      return "absolute";
    }
    if (DRIVE.matcher(path).matches()) {
      return "has a drive letter";
    }
    if (path.indexOf('\\') >= 0) {
      return "contains a backslash";
    }
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) < 0x20 || path.charAt(i) == 0x7f) {
        return "contains a control character";
      }
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()) {
        return "has an empty segment";
      }
      if (segment.equals("..")) {
        return "escapes the install folder";
      }
      if (segment.equals(".")) {
        return "has a '.' segment";
      }
      if (RESERVED.matcher(segment).matches()) {
        return "'" + segment + "' is a Windows device name";
      }
      if (segment.endsWith(".") || segment.endsWith(" ")) {
        return "'" + segment + "' ends in a dot or a space, which Windows drops";
      }
      for (char c : WINDOWS_FORBIDDEN.toCharArray()) {
        if (segment.indexOf(c) >= 0) {
          return "contains '" + c + "', which Windows refuses";
        }
      }
    }
    return null;
  }

  /**
   * Null when a release's paths name distinct files everywhere, otherwise the first clash: two
   * paths that are one file on a case-insensitive or normalising file system (Windows, macOS:
   * {@code A.txt} and {@code a.txt}, or {@code é} composed and decomposed), or a path that is a
   * file and also a folder of another ({@code x} and {@code x/y}).
   */
  public static String collision(Collection<String> paths) {
    Map<String, String> seen = new HashMap<>();
    for (String path : paths) {
      String earlier = seen.put(fold(path), path);
      if (earlier != null) {
        return earlier.equals(path)
            ? "'" + path + "' is listed twice"
            : "'"
                + path
                + "' is listed twice, as '"
                + earlier
                + "' too: one file on Windows and macOS";
      }
    }
    for (String path : paths) {
      String folded = fold(path);
      for (int slash = folded.indexOf('/'); slash > 0; slash = folded.indexOf('/', slash + 1)) {
        String file = seen.get(folded.substring(0, slash));
        if (file != null) {
          return "'" + file + "' is both a file and a folder";
        }
      }
    }
    return null;
  }

  /** A path as case-insensitive, normalising file systems compare names. */
  private static String fold(String path) {
    return Normalizer.normalize(path, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }
}
