package org.vsekai.nebula.cli.rollout;

import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.cli.GlobalOptions;
import org.vsekai.nebula.cli.commands.PublisherTokenOption;
import org.vsekai.nebula.cli.commands.ServiceAccess;

/** The service a rollout command talks to, and the token its writes need. */
final class RolloutService extends PublisherTokenOption {
  private static final String NEEDS = "rollouts need";

  ServiceClient reader(GlobalOptions g) {
    return ServiceAccess.reader(g, NEEDS);
  }

  ServiceClient writer(GlobalOptions g) {
    return ServiceAccess.publisher(g, token, NEEDS);
  }
}
