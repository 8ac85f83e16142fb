package org.vsekai.nebula.api.rest;

import java.time.Instant;

/**
 * Body of {@code POST /api/v1/products/{product}/versions/{version}/modes}: offers an existing
 * version in one more mode (e.g. promotes a beta to stable). {@code validFrom} defaults to now.
 */
public record ModeRelease(String mode, Instant validFrom) {
  public ModeRelease(String mode) {
    this(mode, null);
  }
}
