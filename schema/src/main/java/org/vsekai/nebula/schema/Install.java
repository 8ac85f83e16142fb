package org.vsekai.nebula.schema;

import java.time.Instant;
import java.util.UUID;
import org.vsekai.nebula.api.SemVer;

/**
 * An install as the service knows it now.
 *
 * @param mode the mode it follows; null when it follows none
 * @param version the version it last updated to; null before its first update
 */
public record Install(UUID id, String product, String mode, SemVer version, Instant registeredAt) {}
