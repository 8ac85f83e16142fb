package org.vsekai.nebula.api.rest;

import java.time.Instant;
import org.vsekai.nebula.api.manifest.SignedManifest;

/** Answer to a registered release: what was released where, and the signed manifest. */
public record ReleaseInfo(
    String product, String version, String mode, Instant validFrom, SignedManifest manifest) {}
