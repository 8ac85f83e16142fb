package org.vsekai.nebula.worker;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.vsekai.nebula.api.client.InsecureTransportException;
import org.vsekai.nebula.api.client.Loopback;
import org.vsekai.nebula.workflows.client.TemporalUnavailableException;

/**
 * How a player's worker reaches Temporal: through the service's install gateway, carrying the
 * install's credential, never to a Temporal frontend directly. The credential goes over TLS, or in
 * plain text to a loopback address only (the embedded default); anything else is refused before a
 * byte is sent.
 *
 * @param address {@code host:port} of the gateway
 * @param tls whether the gateway speaks TLS
 * @param trustedCa a PEM file of the CA to trust besides the system's (a private CA or a
 *     self-signed certificate); null for the system's alone
 * @param credential the install's {@code <installId>.<secret>}
 */
public record GatewayConnection(String address, boolean tls, Path trustedCa, String credential) {
  /** The namespace the SDK names; the gateway puts every install's call in the service's own. */
  static final String NAMESPACE = "default";

  public GatewayConnection {
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException("no install gateway address");
    }
    if (credential == null || credential.isBlank()) {
      throw new IllegalArgumentException("no install credential");
    }
  }

  @Override
  public String toString() {
    return "GatewayConnection[" + address + (tls ? ", TLS" : ", plaintext") + "]";
  }

  /**
   * A client whose every call goes to the gateway with the credential, checked for a reachable
   * gateway so an unreachable one is one clear error here.
   *
   * @throws InsecureTransportException for plain text to anything but loopback
   * @throws TemporalUnavailableException when the gateway cannot be reached
   */
  public WorkflowClient connect() {
    if (!tls) {
      requireLoopback();
    }
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(address)
            .addApiKey(() -> credential)
            .setEnableHttps(tls)
            .setRpcTimeout(Duration.ofSeconds(10));
    if (tls && trustedCa != null) {
      try {
        options.setSslContext(
            GrpcSslContexts.configure(
                    SslContextBuilder.forClient().trustManager(trustedCa.toFile()))
                .build());
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read the CA certificate " + trustedCa + ": " + e.getMessage(), e);
      }
    }
    WorkflowServiceStubs stubs;
    try {
      stubs =
          WorkflowServiceStubs.newConnectedServiceStubs(options.build(), Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      throw new TemporalUnavailableException(
          "cannot reach the install gateway at " + address + " (" + firstLine(e) + ")", e);
    }
    return WorkflowClient.newInstance(
        stubs, WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build());
  }

  private void requireLoopback() {
    String host = address.contains(":") ? address.substring(0, address.lastIndexOf(':')) : address;
    if (!Loopback.is(host)) {
      throw new InsecureTransportException(
          "refusing to send the install's credential in plain text to the gateway at "
              + address
              + "; the gateway must speak TLS except on loopback");
    }
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
