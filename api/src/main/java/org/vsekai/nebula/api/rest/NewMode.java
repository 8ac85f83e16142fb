package org.vsekai.nebula.api.rest;

import java.time.Instant;

/**
 * Body of {@code POST /api/v1/modes}. {@code validFrom} defaults to now, {@code validTo} to
 * open-ended.
 */
public record NewMode(String name, Instant validFrom, Instant validTo) {
  public NewMode(String name) {
    this(name, null, null);
  }
}
