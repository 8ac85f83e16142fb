package org.vsekai.nebula.api.rest;

import java.time.Instant;

/**
 * One period of an install's history: either the mode it followed ({@code kind = "mode"}) or the
 * version it ran ({@code kind = "version"}), {@code value} being the mode name or version text.
 */
public record InstallHistoryEntry(String kind, String value, Instant validFrom, Instant validTo) {
  public static final String MODE = "mode";
  public static final String VERSION = "version";
}
