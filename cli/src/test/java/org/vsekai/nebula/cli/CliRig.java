package org.vsekai.nebula.cli;

import java.nio.file.Path;
import java.util.Map;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.client.ServiceException;
import org.vsekai.nebula.server.EmbeddedNebulaService;
import org.vsekai.nebula.server.temporal.EmbeddedTemporal;

/** The service and Temporal on their embedded defaults, for tests that run vsekai commands. */
public final class CliRig implements AutoCloseable {
  public final EmbeddedTemporal temporal;
  public final EmbeddedNebulaService nebula;

  public CliRig(Path dir) throws Exception {
    temporal = EmbeddedTemporal.start(0);
    nebula = EmbeddedNebulaService.start(dir.resolve("service"), settings(temporal.address()));
    ServiceClient admin = new ServiceClient(nebula.baseUrl(), nebula.publisherToken());
    for (Runnable r :
        new Runnable[] {
          () -> admin.createProduct("v-sekai"),
          () -> admin.createMode("stable"),
          () -> admin.createMode("beta")
        }) {
      try {
        r.run();
      } catch (ServiceException e) {
        if (e.status() != 409) {
          throw e;
        }
      }
    }
  }

  /**
   * The embedded service's settings for tests: with Temporal, and without the rate limits by
   * address, since every test client calls from 127.0.0.1, far faster than a player.
   */
  public static Map<String, String> settings(String temporalAddress) {
    return Map.of(
        "NEBULA_TEMPORAL_TARGET",
        temporalAddress,
        "NEBULA_RATE_PER_ADDRESS",
        "0",
        "NEBULA_REGISTRATIONS_PER_MINUTE",
        "0");
  }

  public String service() {
    return nebula.baseUrl().toString();
  }

  public String token() {
    return nebula.publisherToken();
  }

  public String supportToken() {
    return nebula.supportToken();
  }

  /**
   * Arguments every command needs to reach this rig: the service (installs learn the gateway from
   * it at registration; nothing of a player's reaches Temporal directly).
   */
  public String[] with(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--service";
    all[args.length + 1] = service();
    return all;
  }

  @Override
  public void close() throws Exception {
    nebula.close();
    temporal.close();
  }
}
