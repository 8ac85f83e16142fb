package org.vsekai.nebula.server;

import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;

/**
 * The whole service in this process on its embedded defaults: PostgreSQL, chunk and index stores
 * and signing key under {@code dataDir} (kept across restarts), HTTP on a free loopback port. For
 * tests, {@code vsekai demo} and {@code vsekai server}:
 *
 * <pre>{@code
 * try (EmbeddedNebulaService nebula = EmbeddedNebulaService.start(dir)) {
 *   URI api = nebula.apiUrl();  // http://127.0.0.1:PORT/api/v1/
 * }
 * }</pre>
 */
public final class EmbeddedNebulaService implements AutoCloseable {
  private final NebulaApplication application;
  private final Server server;

  private EmbeddedNebulaService(NebulaApplication application, Server server) {
    this.application = application;
    this.server = server;
  }

  public static EmbeddedNebulaService start(Path dataDir) throws Exception {
    return start(dataDir, Map.of());
  }

  /**
   * @param settings values for the {@code ${NEBULA_*}} keys of {@code nebula-embedded.yml}, e.g.
   *     {@code NEBULA_PORT} for a fixed port or {@code NEBULA_TEMPORAL_TARGET}
   */
  public static EmbeddedNebulaService start(Path dataDir, Map<String, String> settings)
      throws Exception {
    Map<String, String> overrides = new HashMap<>(settings);
    overrides.put("NEBULA_DATA_DIR", dataDir.toAbsolutePath().toString());
    NebulaApplication application = new NebulaApplication(overrides);
    Bootstrap<NebulaConfiguration> bootstrap = new Bootstrap<>(application);
    application.initialize(bootstrap);
    new ServerCommand<>(application)
        .run(bootstrap, new Namespace(Map.of("file", "nebula-embedded.yml")));
    Server server = application.server();
    if (server == null) {
      throw new IllegalStateException("the embedded service did not start");
    }
    return new EmbeddedNebulaService(application, server);
  }

  /** {@code http://127.0.0.1:PORT/}, or {@code https://} when the service has a certificate. */
  public URI baseUrl() {
    boolean tls =
        server.getConnectors()[0].getProtocols().stream()
            .anyMatch(p -> p.toLowerCase(Locale.ROOT).startsWith("ssl"));
    return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port(0) + "/");
  }

  /** The install gateway's port on 127.0.0.1; 0 when the service has no Temporal. */
  public int gatewayPort() {
    return application.gatewayPort();
  }

  /** {@code 127.0.0.1:PORT} of the install gateway; null when the service has no Temporal. */
  public String gatewayAddress() {
    return gatewayPort() == 0 ? null : "127.0.0.1:" + gatewayPort();
  }

  /** What the install gateway has answered so far, by method (and its refusals). */
  public Map<String, Long> gatewayCalls() {
    return application.gatewayCalls();
  }

  /** The bearer token support staff's calls need. */
  public String supportToken() {
    return services().supportToken().value();
  }

  /** {@code http://127.0.0.1:PORT/api/v1/} */
  public URI apiUrl() {
    return baseUrl().resolve("api/v1/");
  }

  /** The chunk store as desync addresses it: {@code http://127.0.0.1:PORT/store/} */
  public URI storeUrl() {
    return baseUrl().resolve("store/");
  }

  /** {@code http://127.0.0.1:PORT/index/} */
  public URI indexUrl() {
    return baseUrl().resolve("index/");
  }

  /** Health checks and metrics: {@code http://127.0.0.1:ADMIN_PORT/} */
  public URI adminUrl() {
    return URI.create("http://127.0.0.1:" + port(server.getConnectors().length - 1) + "/");
  }

  /** The bearer token publishing calls need. */
  public String publisherToken() {
    return services().publisherToken().value();
  }

  /** The public key manifests are signed with, base64 DER, for clients to pin. */
  public String signingPublicKey() {
    return services().signingKeys().publicKeyBase64();
  }

  /** Repositories and stores, for code in the same process. */
  public NebulaServices services() {
    return application.services();
  }

  private int port(int connector) {
    Connector c = server.getConnectors()[connector];
    return ((NetworkConnector) c).getLocalPort();
  }

  /** Stops HTTP, then the pool, then the embedded PostgreSQL; the data stays in the folder. */
  @Override
  public void close() throws Exception {
    server.stop();
  }
}
