package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.UUID;

/** Where an install's chunk cache was, and which update process used it, over a period. */
public record CacheHistoryRow(
    UUID id,
    UUID casyncCacheId,
    UUID updateProcessId,
    String path,
    Instant validFrom,
    Instant validTo) {}
