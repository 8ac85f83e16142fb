package org.vsekai.nebula.worker;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;

/** The one place a Temporal client is built, for the CLI, workers and the service alike. */
public final class TemporalClients {
  private TemporalClients() {}

  /**
   * Connects and checks the connection, so an unreachable Temporal is one clear error here rather
   * than a hang on the first call.
   */
  public static WorkflowClient connect(TemporalSettings settings) {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(settings.address())
            .setRpcTimeout(Duration.ofSeconds(10));
    if (settings.tls()) options.setSslContext(sslContext(settings));
    WorkflowServiceStubs stubs;
    try {
      stubs =
          WorkflowServiceStubs.newConnectedServiceStubs(options.build(), Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      throw new TemporalUnavailableException(
          "cannot reach Temporal at " + settings.address() + " (" + firstLine(e) + ")", e);
    }
    return WorkflowClient.newInstance(
        stubs, WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build());
  }

  private static SslContext sslContext(TemporalSettings s) {
    try {
      SslContextBuilder b = GrpcSslContexts.forClient();
      if (s.tlsCert() != null) {
        try (InputStream cert = Files.newInputStream(s.tlsCert());
            InputStream key = Files.newInputStream(s.tlsKey())) {
          b.keyManager(cert, key);
        }
      }
      if (s.tlsCa() != null) {
        try (InputStream ca = Files.newInputStream(s.tlsCa())) {
          b.trustManager(ca);
        }
      }
      return b.build();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the Temporal TLS files: " + e.getMessage(), e);
    }
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
