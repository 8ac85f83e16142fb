package org.vsekai.nebula.server.core;

import java.util.regex.Pattern;

/**
 * Product and mode names: short, lowercase, safe in URLs and file names on every platform, so
 * "Stable" and "stable" can never be two modes.
 */
public final class Names {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  private Names() {}

  /** Null when {@code name} is a valid name, otherwise why not. */
  public static String problem(String kind, String name) {
    if (name == null || name.isEmpty()) {
      return kind + " name is missing";
    }
    if (!NAME.matcher(name).matches()) {
      return kind
          + " name '"
          + name
          + "' must be 1 to 63 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit";
    }
    return null;
  }
}
