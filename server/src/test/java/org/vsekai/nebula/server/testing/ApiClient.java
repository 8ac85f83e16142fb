package org.vsekai.nebula.server.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The service over real HTTP, as a client sees it: status codes and JSON bodies. */
public final class ApiClient {
  public static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;
  private final String token;

  /**
   * @param base e.g. http://127.0.0.1:PORT/ ; @param token sent as bearer, null for none
   */
  public ApiClient(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  public ApiClient withToken(String other) {
    return new ApiClient(base, other);
  }

  /** A status and a body. */
  public record Reply(int status, byte[] bytes, HttpResponse<byte[]> raw) {
    public String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    public <T> T as(Class<T> type) {
      try {
        return JSON.readValue(bytes, type);
      } catch (IOException e) {
        throw new AssertionError(
            "status " + status + ", body is not a " + type.getSimpleName() + ": " + body(), e);
      }
    }

    public <T> T as(TypeReference<T> type) {
      try {
        return JSON.readValue(bytes, type);
      } catch (IOException e) {
        throw new AssertionError(
            "status " + status + ", body is not " + type.getType() + ": " + body(), e);
      }
    }

    /** The {@code error} of an error body. */
    public String error() {
      try {
        return JSON.readTree(bytes).path("error").asText(null);
      } catch (IOException e) {
        throw new AssertionError("status " + status + ", body is not JSON: " + body(), e);
      }
    }
  }

  public Reply get(String path) {
    return send(request(path).GET());
  }

  public Reply head(String path) {
    return send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
  }

  public Reply delete(String path) {
    return send(request(path).DELETE());
  }

  public Reply post(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json").POST(json(body)));
  }

  public Reply put(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json").PUT(json(body)));
  }

  /** A raw request, for bodies that are not JSON or methods the store refuses. */
  public Reply send(String method, String path, String contentType, byte[] body) {
    HttpRequest.Builder b =
        request(path).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private static HttpRequest.BodyPublisher json(Object body) {
    try {
      return body instanceof String s
          ? HttpRequest.BodyPublishers.ofString(s)
          : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Reply send(HttpRequest.Builder b) {
    HttpRequest request = b.build();
    try {
      HttpResponse<byte[]> r;
      try {
        r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException staleConnection) {
        // A kept-alive connection the server had just closed: the request never reached it, and
        // the JDK retries only idempotent methods by itself. Once more on a new connection.
        if (!String.valueOf(staleConnection.getMessage()).contains("received no bytes")) {
          throw staleConnection;
        }
        r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      }
      return new Reply(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
