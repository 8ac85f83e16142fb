package org.vsekai.nebula.server;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the application's HTTP connectors into HTTPS ones with the configured key store, keeping
 * their ports and addresses. Done from the configuration, before the server is built, so one set of
 * environment variables ({@code NEBULA_TLS_KEYSTORE}, {@code NEBULA_TLS_KEYSTORE_PASSWORD}) turns
 * TLS on for the embedded default, the bundled configuration and docker/ alike. The admin port
 * (health, metrics) stays as configured: it listens on loopback.
 */
final class HttpsConnectors {
  private HttpsConnectors() {}

  static void serveHttps(NebulaConfiguration config) {
    ServerFactory server = config.getServerFactory();
    if (server instanceof DefaultServerFactory d) {
      d.setApplicationConnectors(https(d.getApplicationConnectors(), config));
    } else if (server instanceof SimpleServerFactory simple) {
      simple.setConnector(https(List.of(simple.getConnector()), config).get(0));
    }
  }

  private static List<ConnectorFactory> https(
      List<ConnectorFactory> connectors, NebulaConfiguration config) {
    List<ConnectorFactory> out = new ArrayList<>();
    for (ConnectorFactory c : connectors) {
      if (c instanceof HttpConnectorFactory http && !(c instanceof HttpsConnectorFactory)) {
        HttpsConnectorFactory https = new HttpsConnectorFactory();
        https.setPort(http.getPort());
        https.setBindHost(http.getBindHost());
        https.setUseForwardedHeaders(http.isUseForwardedHeaders());
        https.setKeyStorePath(config.tls().keyStorePath());
        https.setKeyStorePassword(config.tls().keyStorePassword());
        https.setKeyStoreType(config.tls().keyStoreType());
        // A certificate for a name, not necessarily issued by a CA the JVM knows (a private CA).
        https.setValidateCerts(false);
        out.add(https);
      } else {
        out.add(c);
      }
    }
    return out;
  }
}
