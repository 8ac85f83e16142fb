package org.vsekai.nebula.api.rest;

import java.time.Instant;

/**
 * Body of {@code POST /api/v1/products}. {@code validFrom} defaults to now, {@code validTo} to
 * open-ended.
 */
public record NewProduct(String name, Instant validFrom, Instant validTo) {
  public NewProduct(String name) {
    this(name, null, null);
  }
}
