package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.UUID;

/** A period during which an install followed a mode. */
public record InstallModeRow(
    UUID id, UUID modeId, String mode, Instant validFrom, Instant validTo) {}
