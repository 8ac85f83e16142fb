package org.vsekai.nebula.desync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A store that misbehaves after its headers, on a deliberately slow or endless loopback server: the
 * fetch fails in bounded time and memory instead of holding the attempt for hours or filling the
 * heap.
 */
class BoundedAnswersTest {
  /** Chunks of this test are at most 64 KiB, so an answer may be at most about that. */
  private static final ChunkVerifier SMALL = new ChunkVerifier(HashAlgorithm.SHA512_256, 64 * 1024);

  private static final HttpStoreOptions OPTIONS =
      HttpStoreOptions.DEFAULT
          .withRetries(1, Duration.ofMillis(10))
          .withTimeout(Duration.ofSeconds(2))
          .withVerifier(SMALL);

  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // Headers at once, then a byte a second: never finished.
    server.createContext(
        "/trickle/",
        exchange -> {
          exchange.sendResponseHeaders(200, 40_000);
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 40_000; i++) {
              out.write(0);
              out.flush();
              Thread.sleep(1000);
            }
          } catch (Exception gone) {
            // the client hung up, as it should
          }
        });
    // Chunked, without end: a gigabyte and more if nobody stops it.
    server.createContext(
        "/flood/",
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          byte[] block = new byte[64 * 1024];
          try (OutputStream out = exchange.getResponseBody()) {
            for (long sent = 0; sent < (1L << 30); sent += block.length) {
              out.write(block);
            }
          } catch (Exception gone) {
            // the client hung up, as it should
          }
        });
    // Says up front it will send more than a chunk can be.
    server.createContext(
        "/huge/",
        exchange -> {
          exchange.sendResponseHeaders(200, 1L << 32);
          exchange.close();
        });
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HttpChunkStore store(String path) {
    return new HttpChunkStore(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + path + "/"),
        OPTIONS);
  }

  @Test
  void aStoreThatTricklesFailsByItsDeadline() {
    long started = System.nanoTime();
    assertThatThrownBy(() -> store("trickle").get(ChunkId.digest(new byte[] {1})))
        .isInstanceOf(ChunkStoreException.class)
        .hasMessageContaining("did not answer whole within");
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    // Two attempts of at most the deadline for 64 KiB at the slowest rate accepted (5 s).
    assertThat(took).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void aStoreThatFloodsIsCutOffAtTheLargestChunk() {
    assertThatThrownBy(() -> store("flood").get(ChunkId.digest(new byte[] {2})))
        .isInstanceOf(ChunkStoreException.class)
        .hasMessageContaining("larger than the");
  }

  @Test
  void aDeclaredLengthBeyondAnyChunkIsRefusedBeforeReading() {
    assertThatThrownBy(() -> store("huge").get(ChunkId.digest(new byte[] {3})))
        .isInstanceOf(ChunkStoreException.class)
        .hasMessageContaining("declares 4294967296 bytes");
  }
}
