package org.vsekai.nebula.schema;

import java.time.Instant;

/**
 * One period of an install's history: the mode it followed or the version it ran, [validFrom,
 * validTo), validTo null while it lasts.
 *
 * @param value the mode's name or the version's text
 */
public record InstallPeriod(Kind kind, String value, Instant validFrom, Instant validTo) {
  public enum Kind {
    MODE,
    VERSION
  }
}
