package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.UUID;

/** A state an update process was in over a period. */
public record StateRow(UUID id, String state, String detail, Instant validFrom, Instant validTo) {}
