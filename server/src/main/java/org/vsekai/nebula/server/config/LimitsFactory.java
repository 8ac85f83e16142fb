package org.vsekai.nebula.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * What one client may cost the service. Bodies are capped on every endpoint (413); callers without
 * a role token are rate-limited by address (429 with Retry-After), and registration more tightly. A
 * rate of 0 turns that limit off (load tests).
 */
public class LimitsFactory {
  /**
   * Largest body of a JSON call. Every request the API takes is a few hundred bytes, but a release,
   * which lists its files, is capped by {@link #maxReleaseBody}.
   */
  @NotNull @JsonProperty private DataSize maxJsonBody = DataSize.kibibytes(64);

  /** Largest release registration: some 200 bytes a file, so about 300,000 files. */
  @NotNull @JsonProperty private DataSize maxReleaseBody = DataSize.mebibytes(64);

  /** Registrations one address may make per minute, sustained. */
  @Min(0)
  @JsonProperty
  private double registrationsPerMinute = 10;

  /** Registrations one address may make at once (a household installing on a few machines). */
  @Min(1)
  @JsonProperty
  private double registrationBurst = 20;

  /**
   * Calls per second one address may make without a role token (players, anonymous readers); a
   * player's update polls about once a second, so this leaves room for many behind one NAT.
   */
  @Min(0)
  @JsonProperty
  private double requestsPerSecond = 50;

  @Min(1)
  @JsonProperty
  private double requestBurst = 200;

  public long maxJsonBody() {
    return maxJsonBody.toBytes();
  }

  public long maxReleaseBody() {
    return maxReleaseBody.toBytes();
  }

  public double registrationsPerMinute() {
    return registrationsPerMinute;
  }

  public double registrationBurst() {
    return registrationBurst;
  }

  public double requestsPerSecond() {
    return requestsPerSecond;
  }

  public double requestBurst() {
    return requestBurst;
  }
}
