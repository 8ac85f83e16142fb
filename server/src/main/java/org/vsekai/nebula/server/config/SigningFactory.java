package org.vsekai.nebula.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;

/**
 * The Ed25519 key that signs release manifests, as base64 DER (see {@code Ed25519Keys}). With
 * neither key set, the service keeps a key under {@code <dataDir>/signing/}, made on first start.
 */
public class SigningFactory {
  @JsonProperty private String privateKey;
  @JsonProperty private String publicKey;

  /**
   * How long a manifest signed at publication stays valid for clients that check its own signature
   * (before TUF). It is never signed again; TUF's timestamp keeps releases fresh.
   */
  @NotNull @JsonProperty private Duration manifestLifetime = Duration.days(365);

  public String privateKey() {
    return privateKey;
  }

  public String publicKey() {
    return publicKey;
  }

  public boolean configured() {
    return privateKey != null && !privateKey.isBlank();
  }

  public java.time.Duration manifestLifetime() {
    return java.time.Duration.ofMillis(manifestLifetime.toMilliseconds());
  }
}
