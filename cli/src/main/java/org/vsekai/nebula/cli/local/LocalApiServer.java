package org.vsekai.nebula.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.vsekai.nebula.activities.local.Json;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.api.client.ServiceClient;

/**
 * The worker's API for the launcher GUI, on loopback only. Every request must carry the secret of
 * {@code .nebula/local-api.json} ({@code Authorization: Bearer <secret>}), name this server in its
 * Host header (so a web page that rebinds a DNS name to 127.0.0.1 is refused), and carry no Origin
 * (browsers add one to every cross-site request; nothing here ever sends CORS headers).
 */
public final class LocalApiServer implements AutoCloseable {
  private static final int MAX_BODY = 64 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final LauncherFolder folder;
  private final LocalApiFile file;
  private final LocalApiRoutes routes;
  private final Set<String> hosts;

  private LocalApiServer(LauncherFolder folder, ServiceClient service) throws IOException {
    this.folder = folder;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    int port = server.getAddress().getPort();
    this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
    this.file = LocalApiFile.create(folder, port);
    this.routes = new LocalApiRoutes(folder, service);
    this.executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "vsekai-local-api");
              t.setDaemon(true);
              return t;
            });
    server.createContext("/", this::handle);
    server.setExecutor(executor);
  }

  /** Serves the install's local API until closed; its port and secret are in the install folder. */
  public static LocalApiServer start(LauncherFolder folder, ServiceClient service)
      throws IOException {
    LocalApiServer s = new LocalApiServer(folder, service);
    s.server.start();
    return s;
  }

  public int port() {
    return file.port();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String host = ex.getRequestHeaders().getFirst("Host");
      if (host == null || !hosts.contains(host)) {
        send(ex, LocalApiRoutes.Answer.error(403, "this API answers only to 127.0.0.1"));
        return;
      }
      if (ex.getRequestHeaders().containsKey("Origin")) {
        send(ex, LocalApiRoutes.Answer.error(403, "no web page may call this API"));
        return;
      }
      if (!secretMatches(ex.getRequestHeaders().getFirst("Authorization"))) {
        send(ex, LocalApiRoutes.Answer.error(401, "the install's local API secret is needed"));
        return;
      }
      JsonNode body = null;
      try (InputStream in = ex.getRequestBody()) {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
          send(
              ex,
              LocalApiRoutes.Answer.error(413, "the body is larger than " + MAX_BODY + " bytes"));
          return;
        }
        if (bytes.length > 0) {
          body = Json.mapper().readTree(bytes);
        }
      } catch (IOException e) {
        send(ex, LocalApiRoutes.Answer.error(400, "the body is not JSON"));
        return;
      }
      LocalApiRoutes.Answer answer;
      try {
        answer = routes.handle(ex.getRequestMethod(), ex.getRequestURI().getPath(), body);
      } catch (IOException | RuntimeException e) {
        answer = LocalApiRoutes.Answer.error(500, String.valueOf(e.getMessage()));
      }
      send(ex, answer);
    }
  }

  private boolean secretMatches(String authorization) {
    String expected = "Bearer " + file.secret();
    return authorization != null
        && MessageDigest.isEqual(
            authorization.getBytes(StandardCharsets.UTF_8),
            expected.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, LocalApiRoutes.Answer answer) throws IOException {
    byte[] body = Json.mapper().writeValueAsBytes(answer.body());
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(answer.status(), body.length);
    ex.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    LocalApiFile.delete(folder);
  }
}
