package org.vsekai.nebula.schema;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Opaque keyset cursors: the sort key of the last item of a page, base64url. Keyset paging stays
 * fast however deep the page and never skips or repeats a row when rows are added meanwhile.
 */
public final class PageCursors {
  /** Starts a descending (time, id) walk: after everything that can be stored. */
  public static final Keyset NEWEST =
      new Keyset(Instant.parse("9999-12-31T00:00:00Z"), new UUID(-1L, -1L));

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private PageCursors() {}

  /** A position in a list sorted by a timestamp and then an id. */
  public record Keyset(Instant at, UUID id) {}

  public static String encode(Keyset keyset) {
    return encodeText("k:" + keyset.at() + "|" + keyset.id());
  }

  /** The keyset of {@code cursor}, or {@link #NEWEST} when it is null or empty. */
  public static Keyset decodeKeyset(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return NEWEST;
    }
    String text = decodeText(cursor);
    int bar = text.indexOf('|');
    if (!text.startsWith("k:") || bar < 0) {
      throw new InvalidCursorException(cursor);
    }
    try {
      return new Keyset(
          Instant.parse(text.substring(2, bar)), UUID.fromString(text.substring(bar + 1)));
    } catch (RuntimeException e) {
      throw new InvalidCursorException(cursor);
    }
  }

  public static String encodeName(String name) {
    return encodeText("n:" + name);
  }

  /** The name after which the page starts; "" (before every name) when null or empty. */
  public static String decodeName(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return "";
    }
    String text = decodeText(cursor);
    if (!text.startsWith("n:")) {
      throw new InvalidCursorException(cursor);
    }
    return text.substring(2);
  }

  private static String encodeText(String text) {
    return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeText(String cursor) {
    try {
      return new String(DECODER.decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidCursorException(cursor);
    }
  }
}
