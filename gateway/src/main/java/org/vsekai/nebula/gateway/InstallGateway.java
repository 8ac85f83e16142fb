package org.vsekai.nebula.gateway;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only way a player's machine reaches Temporal: a gRPC server that speaks Temporal's
 * WorkflowService to an activities-only SDK worker and forwards, for the install its credential
 * names, exactly what such a worker needs. Polls of its own task queue, heartbeats and completions
 * of the tasks it polled (their tokens sealed to it), and the SDK's start-up calls. Everything
 * else, of any service, ends PERMISSION_DENIED; a call without a valid credential ends
 * UNAUTHENTICATED. The Temporal frontend itself stays private to the service.
 *
 * <pre>{@code
 * InstallGateway gateway = InstallGateway.builder()
 *     .upstream(serviceStubs).namespace("default")
 *     .authenticator(credentials).taskTokenKey(key)
 *     .listen(new InetSocketAddress(7243)).tls(keyManagers)
 *     .start();
 * }</pre>
 */
public final class InstallGateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InstallGateway.class);

  /**
   * Largest message a player may send. Results and failures are capped far lower, per field; this
   * only stops a huge message before it is parsed.
   */
  static final int MAX_MESSAGE_BYTES = 1 << 20;

  private final Server server;
  private final CallCounts counts;
  private final HealthStatusManager health;

  private InstallGateway(Server server, CallCounts counts, HealthStatusManager health) {
    this.server = server;
    this.counts = counts;
    this.health = health;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The port it listens on (the one given, or the one chosen for port 0). */
  public int port() {
    return server.getPort();
  }

  public CallCounts counts() {
    return counts;
  }

  @Override
  public void close() {
    health.enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
  }

  /** Settings of a gateway; every one but TLS and the limits is required. */
  public static final class Builder {
    private WorkflowServiceStubs upstream;
    private String namespace;
    private InstallAuthenticator authenticator;
    private byte[] taskTokenKey;
    private InetSocketAddress address;
    private KeyManagerFactory tls;
    private int maxPollsPerInstall = 2;
    private double callsPerSecond = 10;
    private double callBurst = 50;
    private int completedTasksRemembered = 100_000;

    private Builder() {}

    /** The Temporal frontend, reached with the service's own identity. */
    public Builder upstream(WorkflowServiceStubs stubs) {
      this.upstream = stubs;
      return this;
    }

    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    public Builder authenticator(InstallAuthenticator authenticator) {
      this.authenticator = authenticator;
      return this;
    }

    /** The HMAC key task tokens are sealed with; replicas of one service share it. */
    public Builder taskTokenKey(byte[] key) {
      this.taskTokenKey = key.clone();
      return this;
    }

    public Builder listen(InetSocketAddress address) {
      this.address = address;
      return this;
    }

    /** Serve TLS with this certificate; null for plaintext (loopback and tests only). */
    public Builder tls(KeyManagerFactory keyManagers) {
      this.tls = keyManagers;
      return this;
    }

    /**
     * @param maxPolls long polls one install may hold open at once (its worker uses one)
     * @param perSecond calls one install may make per second, sustained
     * @param burst calls one install may make at once
     */
    public Builder limits(int maxPolls, double perSecond, double burst) {
      this.maxPollsPerInstall = maxPolls;
      this.callsPerSecond = perSecond;
      this.callBurst = burst;
      return this;
    }

    public InstallGateway start() {
      Objects.requireNonNull(upstream, "upstream");
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(authenticator, "authenticator");
      Objects.requireNonNull(taskTokenKey, "taskTokenKey");
      Objects.requireNonNull(address, "address");
      CallCounts counts = new CallCounts();
      InstallActivityService activities =
          new InstallActivityService(
              upstream::futureStub,
              namespace,
              new TaskTokenSeal(taskTokenKey),
              new CompletedTasks(completedTasksRemembered),
              new InstallLimits(maxPollsPerInstall, callsPerSecond, callBurst),
              counts);
      HealthStatusManager health = new HealthStatusManager();
      health.setStatus(WorkflowServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
      NettyServerBuilder server =
          NettyServerBuilder.forAddress(address)
              .maxInboundMessageSize(MAX_MESSAGE_BYTES)
              .maxInboundMetadataSize(16 * 1024)
              // Idle players keep a connection with a long poll on it; a minute of silence is
              // normal, a client pinging more often than every 20 s is not.
              .permitKeepAliveTime(20, TimeUnit.SECONDS)
              .permitKeepAliveWithoutCalls(true)
              .addService(
                  ServerInterceptors.intercept(
                      activities.definition(), new Callers(authenticator, counts)))
              .addService(health.getHealthService())
              .fallbackHandlerRegistry(new DenyEverythingElse(counts));
      if (tls != null) {
        try {
          server.sslContext(GrpcSslContexts.configure(SslContextBuilder.forServer(tls)).build());
        } catch (SSLException e) {
          throw new IllegalArgumentException(
              "cannot set up the gateway's TLS: " + e.getMessage(), e);
        }
      }
      Server started;
      try {
        started = server.build().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
      }
      LOG.info(
          "install gateway on {}:{} ({}) for namespace {}",
          address.getHostString(),
          started.getPort(),
          tls == null ? "plaintext" : "TLS",
          namespace);
      return new InstallGateway(started, counts, health);
    }
  }
}
