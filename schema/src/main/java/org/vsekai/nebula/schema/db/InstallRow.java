package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.UUID;

/** An install and the product it holds. */
public record InstallRow(UUID id, UUID productId, String product, Instant createdAt) {}
