package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.UUID;

/** One signature of a version's manifest; {@code envelope} is the SignedManifest JSON. */
public record ManifestRow(
    UUID id, UUID versionId, String keyId, String envelope, Instant signedAt, Instant expiresAt) {}
