package org.vsekai.nebula.gateway;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.vsekai.nebula.workflows.TaskQueues;

/**
 * Temporal's Java test server on a loopback port, the service's worker running {@link
 * ProbeWorkflow} on {@code nebula-service}, and an install gateway in front of it that knows two
 * installs, A and B, and a revoked credential.
 */
final class GatewayRig implements AutoCloseable {
  static final String NAMESPACE = "default";
  final String installA = UUID.randomUUID().toString();
  final String installB = UUID.randomUUID().toString();
  final String credentialA = installA + ".secret-a";
  final String credentialB = installB + ".secret-b";
  final String revokedCredential = UUID.randomUUID() + ".revoked";
  final Map<String, InstallCaller> credentials = new ConcurrentHashMap<>();

  final TestServer.PortBoundTestServer temporal;
  final WorkflowServiceStubs upstream;
  final WorkflowClient service;
  final WorkerFactory serviceWorkers;
  final InstallGateway gateway;
  private final List<ManagedChannel> channels = new ArrayList<>();

  GatewayRig() throws IOException {
    int port = freePort();
    temporal = TestServer.createPortBoundServer(port, true);
    upstream =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
    service =
        WorkflowClient.newInstance(
            upstream, WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build());
    serviceWorkers = WorkerFactory.newInstance(service);
    serviceWorkers
        .newWorker(TaskQueues.SERVICE)
        .registerWorkflowImplementationTypes(ProbeWorkflowImpl.class);
    serviceWorkers.start();
    credentials.put(credentialA, new InstallCaller(installA));
    credentials.put(credentialB, new InstallCaller(installB));
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    gateway =
        InstallGateway.builder()
            .upstream(upstream)
            .namespace(NAMESPACE)
            .authenticator(c -> Optional.ofNullable(credentials.get(c)))
            .taskTokenKey(key)
            .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .start();
  }

  /** Starts, as the service would, a workflow that sends one task to {@code installId}'s queue. */
  ProbeWorkflow startProbe(String installId) {
    ProbeWorkflow probe =
        service.newWorkflowStub(
            ProbeWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId("probe-" + installId + "-" + UUID.randomUUID())
                .setTaskQueue(TaskQueues.SERVICE)
                .build());
    WorkflowClient.start(probe::run, installId);
    return probe;
  }

  /** A raw WorkflowService stub to the gateway carrying {@code credential} (none when null). */
  WorkflowServiceGrpc.WorkflowServiceBlockingStub as(String credential) {
    return WorkflowServiceGrpc.newBlockingStub(channel(credential))
        .withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  ManagedChannel channel(String credential) {
    NettyChannelBuilder b =
        NettyChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext();
    if (credential != null) {
      Metadata headers = new Metadata();
      headers.put(Callers.AUTHORIZATION, "Bearer " + credential);
      b.intercept(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
    ManagedChannel c = b.build();
    channels.add(c);
    return c;
  }

  /** An SDK client that reaches Temporal only through the gateway, as a player's worker does. */
  WorkflowServiceStubs playerStubs(String credential) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget("127.0.0.1:" + gateway.port())
            .addApiKey(() -> credential)
            // An API key turns TLS on by default; this gateway is plaintext on loopback.
            .setEnableHttps(false)
            .build());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    channels.forEach(ManagedChannel::shutdownNow);
    gateway.close();
    serviceWorkers.shutdownNow();
    upstream.shutdownNow();
    temporal.close();
  }
}
