package org.vsekai.nebula.desync.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP chunk store on loopback (the JDK's server) over a store folder, with faults a test
 * can arm: the next N requests answer 500, every request is delayed, a token is required.
 */
public final class LoopbackStoreServer implements AutoCloseable {
  private final HttpServer server;
  private final Path storeDir;
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicLong bytesServed = new AtomicLong();
  private volatile long delayMillis;
  private volatile String requiredAuthorization;
  private volatile String lastAuthorization;

  public LoopbackStoreServer(Path storeDir) throws IOException {
    this.storeDir = storeDir;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/store/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
  }

  public URI storeUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/store/");
  }

  public void failNext(int n) {
    failuresLeft.set(n);
  }

  public void delay(long millis) {
    delayMillis = millis;
  }

  public void requireAuthorization(String value) {
    requiredAuthorization = value;
  }

  public String lastAuthorization() {
    return lastAuthorization;
  }

  public int requests() {
    return requests.get();
  }

  public long bytesServed() {
    return bytesServed.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    try (ex) {
      lastAuthorization = ex.getRequestHeaders().getFirst("Authorization");
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        ex.sendResponseHeaders(500, -1);
        return;
      }
      if (requiredAuthorization != null && !requiredAuthorization.equals(lastAuthorization)) {
        ex.sendResponseHeaders(401, -1);
        return;
      }
      String rel = ex.getRequestURI().getPath().substring("/store/".length());
      if (!rel.matches("[0-9a-f]{4}/[0-9a-f]{64}\\.cacnk")) {
        ex.sendResponseHeaders(400, -1);
        return;
      }
      Path file = storeDir.resolve(rel);
      switch (ex.getRequestMethod()) {
        case "GET" -> {
          if (!Files.exists(file)) {
            ex.sendResponseHeaders(404, -1);
            return;
          }
          byte[] body = Files.readAllBytes(file);
          bytesServed.addAndGet(body.length);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
        }
        case "HEAD" -> ex.sendResponseHeaders(Files.exists(file) ? 200 : 404, -1);
        case "PUT" -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          Files.createDirectories(file.getParent());
          Files.write(file, body);
          ex.sendResponseHeaders(201, -1);
        }
        default -> ex.sendResponseHeaders(405, -1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
