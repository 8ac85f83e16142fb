package org.vsekai.nebula.desync;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A chunk store over desync's HTTP protocol: {@code GET|HEAD|PUT <base>/<4 hex>/<id>.cacnk}. 404
 * means missing; transport errors and 5xx are retried with back-off; other statuses fail at once.
 */
public final class HttpChunkStore implements WritableChunkStore, CompressedChunkSource {
  private final URI base;
  private final HttpStoreOptions options;
  private final HttpClient client;

  public HttpChunkStore(URI base) {
    this(base, HttpStoreOptions.DEFAULT);
  }

  public HttpChunkStore(URI base, HttpStoreOptions options) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b : b + "/");
    this.options = options;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(options.timeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  public URI base() {
    return base;
  }

  private URI chunkUri(ChunkId id) {
    String hex = id.toHex();
    return base.resolve(hex.substring(0, 4) + "/" + hex + LocalChunkStore.SUFFIX);
  }

  @Override
  public byte[] get(ChunkId id) {
    return options.verifier().decompress(id, fetch(id), location());
  }

  @Override
  public byte[] getVerifiedCompressed(ChunkId id) {
    byte[] body = fetch(id);
    options.verifier().decompress(id, body, location());
    return body;
  }

  /** The chunk file's bytes as the store sent them, not yet checked. */
  private byte[] fetch(ChunkId id) {
    // No chunk's file is larger than zstd's worst case of the largest chunk, and it must arrive
    // whole in time: a store that trickles or floods fails this attempt instead of holding it.
    long max = ChunkCodec.maxCompressedSize(options.verifier().maxSize());
    HttpResponse<byte[]> r =
        send(
            request(id).GET().build(),
            req -> HttpBodies.send(client, req, max, options.timeout()),
            id);
    if (r.statusCode() == 404) {
      throw new ChunkMissingException(id, location());
    }
    expect(r, id, "GET", 200);
    options.listener().received(r.body().length);
    return r.body();
  }

  @Override
  public boolean has(ChunkId id) {
    HttpResponse<Void> r =
        send(
            request(id).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
            req -> client.send(req, HttpResponse.BodyHandlers.discarding()),
            id);
    if (r.statusCode() == 404) {
      return false;
    }
    expect(r, id, "HEAD", 200);
    return true;
  }

  @Override
  public void put(ChunkId id, byte[] data, int off, int len) {
    upload(id, ChunkCodec.compress(data, off, len));
  }

  @Override
  public void putCompressed(ChunkId id, byte[] compressed) {
    upload(id, compressed);
  }

  private void upload(ChunkId id, byte[] compressed) {
    HttpResponse<String> r =
        send(
            request(id)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(compressed))
                .build(),
            req -> client.send(req, HttpResponse.BodyHandlers.ofString()),
            id);
    expect(r, id, "PUT", 200, 201, 204);
  }

  private HttpRequest.Builder request(ChunkId id) {
    HttpRequest.Builder b = HttpRequest.newBuilder(chunkUri(id)).timeout(options.timeout());
    if (options.authorization() != null) {
      b.header("Authorization", options.authorization());
    }
    return b;
  }

  private static void expect(HttpResponse<?> r, ChunkId id, String method, int... ok) {
    for (int code : ok) {
      if (r.statusCode() == code) {
        return;
      }
    }
    String why =
        r.statusCode() == 401 || r.statusCode() == 403
            ? " (the store refused the credentials)"
            : "";
    throw new ChunkStoreException(
        r.statusCode(),
        method + " " + r.uri() + " for chunk " + id + " returned HTTP " + r.statusCode() + why);
  }

  private interface Exchange<T> {
    HttpResponse<T> send(HttpRequest request) throws IOException, InterruptedException;
  }

  /** Sends with retries on transport errors and 5xx; the last answer or failure is final. */
  private <T> HttpResponse<T> send(HttpRequest req, Exchange<T> exchange, ChunkId id) {
    IOException lastError = null;
    HttpResponse<T> last = null;
    for (int attempt = 0; attempt <= options.retries(); attempt++) {
      if (attempt > 0) {
        sleep(options.backoff().multipliedBy(attempt));
      }
      try {
        last = exchange.send(req);
        if (last.statusCode() < 500) {
          return last;
        }
        lastError = null;
      } catch (HttpBodies.TooLargeException e) {
        // Asking again would only fetch as much again.
        lastError = e;
        break;
      } catch (IOException e) {
        lastError = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ChunkStoreException("interrupted while fetching chunk " + id, e);
      }
    }
    if (last != null && lastError == null) {
      return last;
    }
    throw new ChunkStoreException(
        req.method()
            + " "
            + req.uri()
            + " failed after "
            + (options.retries() + 1)
            + " attempts: "
            + describe(lastError),
        lastError);
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : " " + m);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChunkStoreException("interrupted during retry back-off", e);
    }
  }

  @Override
  public String location() {
    return base.toString();
  }

  @Override
  public String toString() {
    return location();
  }
}
