package org.vsekai.nebula.cli.commands;

import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.cli.GlobalOptions;
import picocli.CommandLine.Option;

/** {@code --token}, the publisher token that publishing and admin commands send. */
public class PublisherTokenOption {
  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description = "publisher token (env NEBULA_PUBLISHER_TOKEN)")
  protected String token = System.getenv("NEBULA_PUBLISHER_TOKEN");

  /** A client of {@code --service} that sends the token; a usage error without one. */
  public ServiceClient publisher(GlobalOptions g) {
    return ServiceAccess.publisher(g, token);
  }
}
