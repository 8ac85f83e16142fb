package org.vsekai.nebula.cli;

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
      names = "--temporal",
      scope = ScopeType.INHERIT,
      paramLabel = "HOST:PORT",
      description =
          "Temporal frontend (env TEMPORAL_ADDRESS; default: the install's, else 127.0.0.1:7233)")
  public String temporalAddress;

  @Option(
      names = "--namespace",
      scope = ScopeType.INHERIT,
      paramLabel = "NS",
      description =
          "Temporal namespace (env TEMPORAL_NAMESPACE; default: the install's, else default)")
  public String temporalNamespace;
}
