package org.vsekai.nebula.api.rest;

import java.time.Instant;
import java.util.UUID;

/** An install as the service knows it now: its mode and the version it last updated to. */
public record InstallInfo(
    UUID installId, String product, String mode, String version, Instant registeredAt) {}
