package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.UUID;

/** A period during which a version is offered in a mode. */
public record ReleaseRow(
    UUID id, UUID versionId, String mode, Instant validFrom, Instant validTo) {}
