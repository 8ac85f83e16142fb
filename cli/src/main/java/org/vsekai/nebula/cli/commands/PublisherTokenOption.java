package org.vsekai.nebula.cli.commands;

import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.cli.GlobalOptions;
import picocli.CommandLine.Option;

/**
 * {@code --token}, the publisher token that publishing and admin commands send; mixed in with
 * {@code @Mixin}. Its default comes from the environment and is never shown in help.
 */
public final class PublisherTokenOption {
  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      defaultValue = "${env:NEBULA_PUBLISHER_TOKEN}",
      description = "publisher token (env NEBULA_PUBLISHER_TOKEN)")
  String token;

  /** The token given, or null. */
  public String value() {
    return token;
  }

  /** A client of {@code --service} that sends the token; a usage error without one. */
  public ServiceClient publisher(GlobalOptions g) {
    return ServiceAccess.publisher(g, token);
  }
}
