package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.UUID;

/**
 * An update process with its install's product, the versions it moves between (text, null when
 * unknown), its run period and current state. The JSON columns come as their text.
 */
public record UpdateProcessRow(
    UUID id,
    UUID installId,
    String product,
    UUID fromVersionId,
    UUID toVersionId,
    String manifestFileAndVersion,
    String filesForUpdate,
    String registryValues,
    Instant createdAt,
    Instant validFrom,
    Instant validTo,
    String state) {}
