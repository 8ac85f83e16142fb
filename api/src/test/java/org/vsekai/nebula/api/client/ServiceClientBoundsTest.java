package org.vsekai.nebula.api.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A "service" on loopback that answers without end or announces gigabytes: the client refuses it
 * with a clear error instead of reading it into the heap.
 */
class ServiceClientBoundsTest {
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/flood/",
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          byte[] block = new byte[1 << 20];
          try (OutputStream out = exchange.getResponseBody()) {
            for (long sent = 0; sent < (4L << 30); sent += block.length) {
              out.write(block);
            }
          } catch (Exception gone) {
            // the client hung up, as it should
          }
        });
    server.createContext(
        "/huge/",
        exchange -> {
          exchange.sendResponseHeaders(200, 1L << 40);
          exchange.close();
        });
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private ServiceClient client(String path) {
    return new ServiceClient(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + path + "/"), null);
  }

  @Test
  void anEndlessAnswerIsCutOffAtItsCap() {
    assertThatThrownBy(() -> client("flood").latest("game", "stable"))
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("is too large")
        .hasMessageContaining(String.valueOf(ServiceClient.MAX_ANSWER));
  }

  @Test
  void anIndexDeclaredLargerThanAnyIsRefusedUnread() {
    assertThatThrownBy(() -> client("huge").index("ab".repeat(32)))
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("declares 1099511627776 bytes");
  }
}
