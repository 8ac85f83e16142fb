package org.vsekai.nebula.cli.commands;

import java.net.URI;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.cli.CliFailure;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.GlobalOptions;

/** The service client of commands that are not about one install: release engineering, lists. */
public final class ServiceAccess {
  private ServiceAccess() {}

  /** A read-only client for {@code --service}. */
  public static ServiceClient reader(GlobalOptions g) {
    return new ServiceClient(serviceUrl(g), null);
  }

  /** A client that sends the publisher token, for publishing and admin calls. */
  public static ServiceClient publisher(GlobalOptions g, String token) {
    URI url = serviceUrl(g);
    if (token == null || token.isBlank()) {
      throw new CliFailure(ExitCodes.USAGE, "this needs the publisher token: --token or NEBULA_PUBLISHER_TOKEN");
    }
    return new ServiceClient(url, token);
  }

  private static URI serviceUrl(GlobalOptions g) {
    if (g.serviceUrl == null || g.serviceUrl.isBlank()) {
      throw new CliFailure(ExitCodes.USAGE, "this needs the service: --service URL (or NEBULA_SERVICE_URL)");
    }
    return URI.create(g.serviceUrl);
  }
}
