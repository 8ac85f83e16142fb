package org.vsekai.nebula.cli.commands;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.vsekai.nebula.cli.Cli;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.JsonOutput;
import org.vsekai.nebula.server.EmbeddedNebulaService;
import org.vsekai.nebula.server.NebulaApplication;
import org.vsekai.nebula.server.temporal.EmbeddedTemporal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "server",
    description = {
      "Run the Nebula service until stopped.",
      "With --config, the production service (Dropwizard; PostgreSQL or CockroachDB from the file).",
      "Without, the embedded default on loopback: embedded PostgreSQL and stores under --data, and",
      "with --embedded-temporal a Temporal test server too."
    })
public final class ServerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "a Dropwizard configuration (see server/src/main/resources/nebula.yml)")
  Path config;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = "nebula-data",
      description = "embedded default: data folder (default: ${DEFAULT-VALUE})")
  Path data;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "embedded default: HTTP port (default: ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--temporal",
      paramLabel = "HOST:PORT",
      defaultValue = "${env:TEMPORAL_ADDRESS}",
      description =
          "embedded default: the Temporal frontend the service uses (env TEMPORAL_ADDRESS: ${env:TEMPORAL_ADDRESS:-not set}); players never reach it, only the service's install gateway")
  String temporalTarget;

  @Option(
      names = "--gateway-port",
      defaultValue = "7243",
      description = "embedded default: port of the install gateway (default: ${DEFAULT-VALUE})")
  int gatewayPort;

  @Option(
      names = "--embedded-temporal",
      description = "embedded default: also run Temporal's Java test server on a port")
  boolean embeddedTemporal;

  @Option(
      names = "--temporal-port",
      defaultValue = "7233",
      description = "port of the embedded Temporal (default: ${DEFAULT-VALUE})")
  int temporalPort;

  @Override
  public Integer call() throws Exception {
    if (config != null) {
      NebulaApplication.main(new String[] {"server", config.toString()});
      return ExitCodes.OK;
    }
    String temporalTarget = this.temporalTarget;
    EmbeddedTemporal temporal = embeddedTemporal ? EmbeddedTemporal.start(temporalPort) : null;
    if (temporal != null) {
      temporalTarget = temporal.address();
    }
    Map<String, String> settings = new HashMap<>();
    settings.put("NEBULA_PORT", Integer.toString(port));
    settings.put("NEBULA_GATEWAY_PORT", Integer.toString(gatewayPort));
    if (temporalTarget != null) {
      settings.put("NEBULA_TEMPORAL_TARGET", temporalTarget);
    }
    CountDownLatch stop = new CountDownLatch(1);
    try (EmbeddedNebulaService nebula = EmbeddedNebulaService.start(data, settings)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "vsekai-server-stop"));
      if (Cli.global(spec).json) {
        Map<String, Object> m = new HashMap<>();
        m.put("url", nebula.baseUrl().toString());
        m.put("admin", nebula.adminUrl().toString());
        m.put("temporal", temporalTarget);
        m.put("signingKey", nebula.signingPublicKey());
        m.put("gateway", nebula.gatewayPort() == 0 ? null : "127.0.0.1:" + nebula.gatewayPort());
        JsonOutput.line(Cli.out(spec), m);
      } else {
        var out = Cli.out(spec);
        out.println("Nebula service at " + nebula.baseUrl() + " (admin " + nebula.adminUrl() + ")");
        out.println(
            "  data in "
                + data.toAbsolutePath()
                + "; publisher token in "
                + data.toAbsolutePath().resolve("publisher-token"));
        out.println(
            "  Temporal: "
                + (temporalTarget == null
                    ? "none (installs cannot update: pass --embedded-temporal or --temporal)"
                    : temporalTarget
                        + "; installs' workers reach it through the gateway at 127.0.0.1:"
                        + nebula.gatewayPort()));
        out.println("  support token in " + data.toAbsolutePath().resolve("support-token"));
        out.println("  signing key (pin it in installs): " + nebula.signingPublicKey());
        out.flush();
      }
      stop.await();
    } finally {
      if (temporal != null) {
        temporal.close();
      }
    }
    return ExitCodes.OK;
  }
}
