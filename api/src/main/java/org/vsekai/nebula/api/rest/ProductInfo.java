package org.vsekai.nebula.api.rest;

import java.time.Instant;

/** A product (a game or tool the service publishes) and its current or latest validity period. */
public record ProductInfo(String name, Instant validFrom, Instant validTo) {}
