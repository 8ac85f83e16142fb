package org.vsekai.nebula.api.rest;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to a registration. {@code credential} ({@code <installId>.<secret>}) is shown this
 * once and proves the install on every later call; the service keeps only its digest.
 *
 * @param gateway {@code host:port} of the install gateway the install's worker connects to
 * @param gatewayTls whether the gateway speaks TLS
 */
public record InstallRegistered(
    UUID installId,
    String product,
    String mode,
    String version,
    Instant registeredAt,
    String credential,
    String gateway,
    boolean gatewayTls) {

  /** Without the secret, for logs. */
  @Override
  public String toString() {
    return "InstallRegistered[installId="
        + installId
        + ", product="
        + product
        + ", mode="
        + mode
        + ", gateway="
        + gateway
        + "]";
  }
}
