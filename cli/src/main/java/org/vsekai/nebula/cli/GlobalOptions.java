package org.vsekai.nebula.cli;

import java.nio.file.Path;
import org.vsekai.nebula.api.client.ServiceClient;
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
      description = "the Nebula service (env NEBULA_SERVICE_URL; default: the install's)")
  public String serviceUrl = System.getenv("NEBULA_SERVICE_URL");

  @Option(
      names = "--gateway",
      scope = ScopeType.INHERIT,
      paramLabel = "HOST:PORT",
      description =
          "the install gateway the worker reaches Temporal through (env NEBULA_GATEWAY; default:"
              + " the one the service named at registration)")
  public String gateway = System.getenv("NEBULA_GATEWAY");

  @Option(
      names = "--ca",
      scope = ScopeType.INHERIT,
      paramLabel = "PEM",
      description =
          "a CA certificate to trust besides the system's, for the service and the gateway (env"
              + " NEBULA_CA_CERT)")
  public Path trustedCa = ServiceClient.trustedCaFromEnvironment();
}
