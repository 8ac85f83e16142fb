package org.vsekai.nebula.server.temporal;

import io.dropwizard.lifecycle.Managed;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.function.Supplier;
import org.vsekai.nebula.gateway.InstallAuthenticator;
import org.vsekai.nebula.gateway.InstallGateway;
import org.vsekai.nebula.server.config.GatewayFactory;
import org.vsekai.nebula.server.config.TlsFactory;

/**
 * The install gateway as part of the service: started after the database and Temporal connection
 * are up, stopped before them, on the configured port (TLS with the service's certificate when it
 * has one).
 */
public final class GatewayServer implements Managed {
  private final GatewayFactory config;
  private final TlsFactory tls;
  private final Supplier<WorkflowServiceStubs> upstream;
  private final String namespace;
  private final InstallAuthenticator authenticator;
  private final byte[] taskTokenKey;
  private volatile InstallGateway gateway;

  public GatewayServer(
      GatewayFactory config,
      TlsFactory tls,
      Supplier<WorkflowServiceStubs> upstream,
      String namespace,
      InstallAuthenticator authenticator,
      String taskTokenKeyBase64) {
    this.config = config;
    this.tls = tls;
    this.upstream = upstream;
    this.namespace = namespace;
    this.authenticator = authenticator;
    this.taskTokenKey = Base64.getDecoder().decode(taskTokenKeyBase64.strip());
  }

  @Override
  public void start() {
    InetSocketAddress address =
        config.bindHost() == null
            ? new InetSocketAddress(config.port())
            : new InetSocketAddress(config.bindHost(), config.port());
    gateway =
        InstallGateway.builder()
            .upstream(upstream.get())
            .namespace(namespace)
            .authenticator(authenticator)
            .taskTokenKey(taskTokenKey)
            .listen(address)
            .tls(tls.configured() ? tls.keyManagers() : null)
            .start();
  }

  @Override
  public void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  /** The running gateway; null before {@link #start}. */
  public InstallGateway gateway() {
    return gateway;
  }
}
