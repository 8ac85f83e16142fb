package org.vsekai.nebula.api;

import java.util.Locale;

/** The credential of an {@code Authorization: Bearer <credential>} header, however cased. */
public final class BearerHeader {
  private static final String SCHEME = "bearer ";

  private BearerHeader() {}

  /** The credential, stripped; null when the header is missing, empty or of another scheme. */
  public static String credential(String header) {
    if (header == null || header.length() <= SCHEME.length()) {
      return null;
    }
    if (!header.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      return null;
    }
    String credential = header.substring(SCHEME.length()).strip();
    return credential.isEmpty() ? null : credential;
  }
}
