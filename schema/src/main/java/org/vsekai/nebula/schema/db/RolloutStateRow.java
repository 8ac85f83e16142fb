package org.vsekai.nebula.schema.db;

import java.time.Instant;

/** A state a rollout was in over a period. */
public record RolloutStateRow(String state, String reason, Instant validFrom, Instant validTo) {}
