package org.vsekai.nebula.schema;

import java.time.Instant;

/** A signed manifest ready to store: the SignedManifest JSON and when its signature ends. */
public record SignedEnvelope(String keyId, String json, Instant signedAt, Instant expiresAt) {}
