package org.vsekai.nebula.cli.rollout;

import java.net.URI;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.cli.CliFailure;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.GlobalOptions;
import picocli.CommandLine.Option;

/** The service a rollout command talks to, and the token its writes need. */
final class RolloutService {
  @Option(names = "--token", paramLabel = "TOKEN", description = "publisher token (env NEBULA_PUBLISHER_TOKEN)")
  String token = System.getenv("NEBULA_PUBLISHER_TOKEN");

  ServiceClient reader(GlobalOptions g) {
    return new ServiceClient(URI.create(url(g)), null);
  }

  ServiceClient writer(GlobalOptions g) {
    if (token == null || token.isBlank()) {
      throw new CliFailure(ExitCodes.USAGE, "rollouts need the publisher token: --token or NEBULA_PUBLISHER_TOKEN");
    }
    return new ServiceClient(URI.create(url(g)), token);
  }

  private static String url(GlobalOptions g) {
    if (g.serviceUrl == null || g.serviceUrl.isBlank()) {
      throw new CliFailure(ExitCodes.USAGE, "rollouts need the service: --service URL (or NEBULA_SERVICE_URL)");
    }
    return g.serviceUrl;
  }
}
