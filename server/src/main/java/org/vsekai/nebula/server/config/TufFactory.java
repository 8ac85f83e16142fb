package org.vsekai.nebula.server.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotNull;

/**
 * The service's TUF repository: its online keys (timestamp, snapshot, targets) and how long each
 * role's metadata stays valid. A key left empty is kept under {@code <dataDir>/tuf/<role>/}, made
 * on first start; every replica of the service needs the same keys, so several replicas either
 * share that folder or have the keys set here. The root role is the manifest signing key at first
 * ({@code signing.*}), which installs that pinned it accept; a release engineer may move root and
 * targets to offline keys later (PUT /api/v1/tuf/metadata/root).
 */
public class TufFactory {
  /** Base64 PKCS#8 Ed25519 private keys, as {@code signing.privateKey}. */
  @JsonProperty private String timestampKey;

  @JsonProperty private String snapshotKey;
  @JsonProperty private String targetsKey;

  /** A root the service signs itself (while it holds the root key) stays valid this long. */
  @NotNull @JsonProperty private Duration rootLifetime = Duration.days(365);

  @NotNull @JsonProperty private Duration targetsLifetime = Duration.days(30);
  @NotNull @JsonProperty private Duration snapshotLifetime = Duration.days(30);

  /**
   * The freshness window: a client that cannot reach a timestamp younger than this refuses to
   * update (a freeze attack serves an old one forever).
   */
  @NotNull @JsonProperty private Duration timestampLifetime = Duration.days(1);

  /** How often the service refreshes the metadata; empty: a quarter of the freshness window. */
  @JsonProperty private Duration refreshInterval;

  /** The configured private key of {@code role} (timestamp, snapshot, targets), or null. */
  public String key(String role) {
    String key =
        switch (role) {
          case "timestamp" -> timestampKey;
          case "snapshot" -> snapshotKey;
          case "targets" -> targetsKey;
          default -> null;
        };
    return key == null || key.isBlank() ? null : key.strip();
  }

  public java.time.Duration rootLifetime() {
    return java(rootLifetime);
  }

  public java.time.Duration targetsLifetime() {
    return java(targetsLifetime);
  }

  public java.time.Duration snapshotLifetime() {
    return java(snapshotLifetime);
  }

  public java.time.Duration timestampLifetime() {
    return java(timestampLifetime);
  }

  public java.time.Duration refreshInterval() {
    return refreshInterval == null ? timestampLifetime().dividedBy(4) : java(refreshInterval);
  }

  /**
   * A refresh at least every half window keeps a fresh timestamp served; any slower, and clients
   * see it expire between two refreshes.
   */
  @JsonIgnore
  @ValidationMethod(
      message = "tuf.refreshInterval must be positive and at most half of timestampLifetime")
  public boolean isRefreshIntervalSound() {
    if (timestampLifetime == null || timestampLifetime.toSeconds() < 2) {
      return false;
    }
    java.time.Duration every = refreshInterval();
    return every.toSeconds() >= 1 && every.compareTo(timestampLifetime().dividedBy(2)) <= 0;
  }

  @JsonIgnore
  @ValidationMethod(message = "tuf lifetimes must be at least a minute")
  public boolean isEveryLifetimeSound() {
    for (Duration d : new Duration[] {rootLifetime, targetsLifetime, snapshotLifetime}) {
      if (d == null || d.toSeconds() < 60) {
        return false;
      }
    }
    return true;
  }

  private static java.time.Duration java(Duration d) {
    return java.time.Duration.ofMillis(d.toMilliseconds());
  }
}
