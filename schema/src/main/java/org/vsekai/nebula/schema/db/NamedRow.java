package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.UUID;

/** A mode or product with one of its validity periods. */
public record NamedRow(UUID id, String name, Instant validFrom, Instant validTo) {

  public Period period() {
    return new Period(validFrom, validTo);
  }
}
