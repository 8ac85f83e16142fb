package org.vsekai.nebula.schema.db;

import java.time.Instant;

/** A half-open validity period [validFrom, validTo); validTo null means open-ended. */
public record Period(Instant validFrom, Instant validTo) {

  public boolean contains(Instant at) {
    return !validFrom.isAfter(at) && (validTo == null || validTo.isAfter(at));
  }
}
