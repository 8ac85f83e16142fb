package org.vsekai.nebula.api.tuf;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.vsekai.nebula.desync.HttpBodies;

/**
 * A repository over HTTP(S): {@code <base><name>}, each answer read within its length and a
 * deadline set by that length ({@link HttpBodies}), so a repository that trickles or never stops
 * cannot hold the client.
 */
public final class HttpMetadataSource implements MetadataSource {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final URI base;

  /** {@code base} ends with a slash: names are resolved against it. */
  public HttpMetadataSource(HttpClient http, URI base) {
    this.http = http;
    this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
  }

  @Override
  public Optional<byte[]> fetch(String name, long maxLength) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(name)).timeout(WAIT).GET().build();
    HttpResponse<byte[]> answer;
    try {
      answer = HttpBodies.send(http, request, maxLength, WAIT);
    } catch (HttpBodies.TooLargeException e) {
      throw new TufRefusal(
          TufRefusal.Reason.TOO_LONG,
          name + " is longer than the " + maxLength + " bytes it may have");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + name, e);
    }
    if (answer.statusCode() == 404 || answer.statusCode() == 403) {
      return Optional.empty();
    }
    if (answer.statusCode() != 200) {
      throw new IOException("GET " + request.uri() + " answered " + answer.statusCode());
    }
    return Optional.of(answer.body());
  }
}
