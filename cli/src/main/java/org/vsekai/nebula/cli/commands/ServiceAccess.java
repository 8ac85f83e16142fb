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
    return reader(g, "this needs");
  }

  /** As {@link #reader(GlobalOptions)}; {@code needs} begins the error, e.g. "rollouts need". */
  public static ServiceClient reader(GlobalOptions g, String needs) {
    return new ServiceClient(serviceUrl(g, needs), null, g.trustedCa());
  }

  /** A client that sends the publisher token, for publishing and admin calls. */
  public static ServiceClient publisher(GlobalOptions g, String token) {
    return publisher(g, token, "this needs");
  }

  /** As {@link #publisher(GlobalOptions, String)}; {@code needs} begins the errors. */
  public static ServiceClient publisher(GlobalOptions g, String token, String needs) {
    URI url = serviceUrl(g, needs);
    if (token == null || token.isBlank()) {
      throw new CliFailure(
          ExitCodes.USAGE, needs + " the publisher token: --token or NEBULA_PUBLISHER_TOKEN");
    }
    return new ServiceClient(url, token, g.trustedCa());
  }

  private static URI serviceUrl(GlobalOptions g, String needs) {
    if (g.serviceUrl == null || g.serviceUrl.isBlank()) {
      throw new CliFailure(
          ExitCodes.USAGE, needs + " the service: --service URL (or NEBULA_SERVICE_URL)");
    }
    return URI.create(g.serviceUrl);
  }
}
