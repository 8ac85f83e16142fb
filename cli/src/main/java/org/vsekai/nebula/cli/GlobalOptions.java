package org.vsekai.nebula.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command takes (picocli copies them to subcommands). Each also has an environment
 * variable; a flag beats the variable, which beats the install's own state file.
 */
public final class GlobalOptions {
  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "machine-readable output (JSON lines)")
  public boolean json;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "show stack traces of errors")
  public boolean verbose;

  @Option(
      names = "--service",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      defaultValue = "${env:NEBULA_SERVICE_URL}",
      description =
          "the Nebula service; default: the install's (env NEBULA_SERVICE_URL: ${env:NEBULA_SERVICE_URL:-not set})")
  public String serviceUrl;

  @Option(
      names = "--gateway",
      scope = ScopeType.INHERIT,
      paramLabel = "HOST:PORT",
      defaultValue = "${env:NEBULA_GATEWAY}",
      description =
          "the install gateway the worker reaches Temporal through; default: the one the service"
              + " named at registration (env NEBULA_GATEWAY: ${env:NEBULA_GATEWAY:-not set})")
  public String gateway;

  @Option(
      names = "--ca",
      scope = ScopeType.INHERIT,
      paramLabel = "PEM",
      defaultValue = "${env:NEBULA_CA_CERT}",
      description =
          "a CA certificate to trust besides the system's, for the service and the gateway (env"
              + " NEBULA_CA_CERT: ${env:NEBULA_CA_CERT:-not set})")
  String trustedCaFile;

  /** The {@code --ca} file; null for none (an empty NEBULA_CA_CERT is none). */
  public Path trustedCa() {
    return trustedCaFile == null || trustedCaFile.isBlank() ? null : Path.of(trustedCaFile);
  }
}
