package org.vsekai.nebula.schema;

import java.time.Instant;

/**
 * A product or a mode: a name with its current or latest validity period [validFrom, validTo),
 * validTo null while open-ended.
 */
public record CatalogEntry(String name, Instant validFrom, Instant validTo) {}
