package org.vsekai.nebula.api.rest;

import java.util.UUID;

/**
 * Body of {@code POST /api/v1/installs}. The client chooses {@code installId} (so a retried
 * registration is recognised) or leaves it null to have one assigned. {@code version} is what the
 * folder already holds, null for an empty folder.
 */
public record InstallRegistration(UUID installId, String product, String mode, String version) {}
