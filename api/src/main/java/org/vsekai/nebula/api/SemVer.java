package org.vsekai.nebula.api;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Semantic Version (semver.org 2.0.0). Ordering follows the spec: numeric core first, a
 * pre-release sorts before its release, pre-release identifiers compare numerically when both are
 * numeric and lexically otherwise, and build metadata is ignored.
 */
public record SemVer(long major, long minor, long patch, String preRelease, String build)
    implements Comparable<SemVer> {

  /**
   * Longest version accepted. Versions name release folders and appear in paths and search
   * attributes; 128 ASCII characters keeps every name built from one well under 255 bytes.
   */
  public static final int MAX_LENGTH = 128;

  // The regex from semver.org, matched against the whole text: no whitespace, no control
  // characters, no leading "v" (the CLI accepts one from people and drops it before parsing).
  private static final Pattern SEMVER =
      Pattern.compile(
          "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

  public SemVer {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new InvalidVersionException("version numbers must not be negative");
    }
    preRelease = preRelease == null ? "" : preRelease;
    build = build == null ? "" : build;
  }

  public static SemVer of(long major, long minor, long patch) {
    return new SemVer(major, minor, patch, "", "");
  }

  /**
   * Parses a version such as {@code 1.2.3}, {@code 0.2.0-beta.1} or {@code 1.0.0+build.5}, exactly
   * as written: semver.org's grammar, nothing around it, at most {@link #MAX_LENGTH} characters.
   */
  public static SemVer parse(String text) {
    if (text == null) {
      throw new InvalidVersionException("version is missing");
    }
    if (text.length() > MAX_LENGTH) {
      throw new InvalidVersionException(
          "a version of "
              + text.length()
              + " characters is longer than the "
              + MAX_LENGTH
              + " allowed");
    }
    Matcher m = SEMVER.matcher(text);
    if (!m.matches()) {
      throw new InvalidVersionException(
          "'"
              + printable(text)
              + "' is not a semantic version (expected MAJOR.MINOR.PATCH[-PRE][+BUILD])");
    }
    try {
      return new SemVer(
          Long.parseLong(m.group(1)),
          Long.parseLong(m.group(2)),
          Long.parseLong(m.group(3)),
          m.group(4),
          m.group(5));
    } catch (NumberFormatException e) {
      throw new InvalidVersionException("'" + text + "' has a version number too large");
    }
  }

  /**
   * A version as people write it: {@code v1.2.3} and {@code 1.2.3} alike (release tags often carry
   * the v). For command lines only; everywhere else a version is exactly {@link #parse}'s.
   */
  public static SemVer parseLenient(String text) {
    return parse(text != null && text.startsWith("v") ? text.substring(1) : text);
  }

  /** Control characters shown as escapes, so an error line stays one readable line. */
  private static String printable(String text) {
    StringBuilder b = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
              } else {
                b.appendCodePoint(c);
              }
            });
    return b.toString();
  }

  public boolean isPreRelease() {
    return !preRelease.isEmpty();
  }

  @Override
  public int compareTo(SemVer o) {
    int c = Long.compare(major, o.major);
    if (c == 0) {
      c = Long.compare(minor, o.minor);
    }
    if (c == 0) {
      c = Long.compare(patch, o.patch);
    }
    if (c != 0) {
      return c;
    }
    return comparePreRelease(preRelease, o.preRelease);
  }

  private static int comparePreRelease(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    if (a.isEmpty()) {
      return 1; // a release is higher than any of its pre-releases
    }
    if (b.isEmpty()) {
      return -1;
    }
    List<String> as = split(a);
    List<String> bs = split(b);
    for (int i = 0; i < Math.min(as.size(), bs.size()); i++) {
      int c = compareIdentifier(as.get(i), bs.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(as.size(), bs.size());
  }

  private static int compareIdentifier(String a, String b) {
    boolean an = isNumeric(a);
    boolean bn = isNumeric(b);
    if (an && bn) {
      return new BigInteger(a).compareTo(new BigInteger(b));
    }
    if (an) {
      return -1; // numeric identifiers have lower precedence than alphanumeric ones
    }
    if (bn) {
      return 1;
    }
    return a.compareTo(b);
  }

  private static boolean isNumeric(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }

  private static List<String> split(String s) {
    return new ArrayList<>(List.of(s.split("\\.")));
  }

  /** True when both denote the same version (build metadata ignored, as precedence says). */
  public boolean samePrecedence(SemVer o) {
    return compareTo(o) == 0;
  }

  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
    if (!preRelease.isEmpty()) {
      sb.append('-').append(preRelease);
    }
    if (!build.isEmpty()) {
      sb.append('+').append(build);
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SemVer v
        && major == v.major
        && minor == v.minor
        && patch == v.patch
        && preRelease.equals(v.preRelease)
        && build.equals(v.build);
  }

  @Override
  public int hashCode() {
    return Objects.hash(major, minor, patch, preRelease, build);
  }
}
