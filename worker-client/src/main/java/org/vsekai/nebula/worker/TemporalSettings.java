package org.vsekai.nebula.worker;

import java.nio.file.Path;

/**
 * How to reach Temporal: frontend address, namespace, and TLS (mutual TLS with a client certificate
 * and key, optionally a private CA). Read from the install's state and the environment ({@code
 * TEMPORAL_ADDRESS}, {@code TEMPORAL_NAMESPACE}, {@code TEMPORAL_TLS_CERT}, {@code
 * TEMPORAL_TLS_KEY}, {@code TEMPORAL_TLS_CA}), the same names Temporal's own CLI reads.
 */
public record TemporalSettings(
    String address, String namespace, Path tlsCert, Path tlsKey, Path tlsCa) {
  public static final String DEFAULT_ADDRESS = "127.0.0.1:7233";
  public static final String DEFAULT_NAMESPACE = "default";

  public TemporalSettings {
    address = address == null || address.isBlank() ? DEFAULT_ADDRESS : address;
    namespace = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("TLS needs both a client certificate and its key");
    }
  }

  public static TemporalSettings plain(String address, String namespace) {
    return new TemporalSettings(address, namespace, null, null, null);
  }

  /** The environment over the given values: a flag or variable beats the install's file. */
  public static TemporalSettings fromEnvironment(String address, String namespace) {
    return new TemporalSettings(
        firstNonBlank(System.getenv("TEMPORAL_ADDRESS"), address),
        firstNonBlank(System.getenv("TEMPORAL_NAMESPACE"), namespace),
        path(System.getenv("TEMPORAL_TLS_CERT")),
        path(System.getenv("TEMPORAL_TLS_KEY")),
        path(System.getenv("TEMPORAL_TLS_CA")));
  }

  public boolean tls() {
    return tlsCert != null || tlsCa != null;
  }

  private static String firstNonBlank(String a, String b) {
    return a != null && !a.isBlank() ? a : b;
  }

  private static Path path(String s) {
    return s == null || s.isBlank() ? null : Path.of(s);
  }
}
