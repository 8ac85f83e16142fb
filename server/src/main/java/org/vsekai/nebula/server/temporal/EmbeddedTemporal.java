package org.vsekai.nebula.server.temporal;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.vsekai.nebula.workflows.NebulaSearchAttributes;

/**
 * Temporal's Java test server on a loopback port, for the embedded default ({@code vsekai demo},
 * {@code vsekai server} with nothing installed): real gRPC, so workers and CLIs in other processes
 * reach it like a cluster, with Nebula's search attributes registered. It keeps everything in
 * memory; production uses a Temporal cluster (docker/).
 */
public final class EmbeddedTemporal implements AutoCloseable {
  private final TestServer.PortBoundTestServer server;
  private final int port;

  private EmbeddedTemporal(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts on {@code port}, or a free one when 0. */
  public static EmbeddedTemporal start(int port) throws IOException {
    int p = port != 0 ? port : freePort();
    // true locks time skipping: timers and timeouts run in real time, as on a cluster. Unlocked,
    // the test server jumps the clock whenever no worker is busy, and an hour-long retry window
    // passes in a blink.
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(p, true);
    EmbeddedTemporal t = new EmbeddedTemporal(server, p);
    t.registerSearchAttributes();
    return t;
  }

  public String address() {
    return "127.0.0.1:" + port;
  }

  private void registerSearchAttributes() {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(address())
                .validateAndBuildWithDefaults());
    try {
      AddSearchAttributesRequest.Builder request =
          AddSearchAttributesRequest.newBuilder().setNamespace("default");
      for (String name : NebulaSearchAttributes.names()) {
        request.putSearchAttributes(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      }
      operator.blockingStub().addSearchAttributes(request.build());
    } finally {
      operator.shutdown();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
