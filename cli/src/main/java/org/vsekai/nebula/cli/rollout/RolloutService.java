package org.vsekai.nebula.cli.rollout;

import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.cli.CliFailure;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.GlobalOptions;
import org.vsekai.nebula.cli.commands.PublisherTokenOption;
import org.vsekai.nebula.cli.commands.ServiceAccess;
import picocli.CommandLine.Mixin;

/**
 * The service a rollout command talks to, and the token it sends: the publisher's for writes; for
 * reads the publisher's or support staff's (NEBULA_SUPPORT_TOKEN), since a rollout's report names
 * installs and their failures.
 */
final class RolloutService {
  @Mixin PublisherTokenOption token;

  private static final String NEEDS = "rollouts need";

  ServiceClient reader(GlobalOptions g) {
    String given = token.value();
    String read = given != null && !given.isBlank() ? given : System.getenv("NEBULA_SUPPORT_TOKEN");
    if (read == null || read.isBlank()) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "reading rollouts needs the publisher or the support token: --token,"
              + " NEBULA_PUBLISHER_TOKEN or NEBULA_SUPPORT_TOKEN");
    }
    return ServiceAccess.publisher(g, read, NEEDS);
  }

  ServiceClient writer(GlobalOptions g) {
    return ServiceAccess.publisher(g, token.value(), NEEDS);
  }
}
