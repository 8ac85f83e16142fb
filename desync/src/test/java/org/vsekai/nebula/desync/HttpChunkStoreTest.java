package org.vsekai.nebula.desync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.desync.testing.LoopbackStoreServer;
import org.vsekai.nebula.desync.testing.TestData;

/** The HTTP store against a real server on loopback. */
class HttpChunkStoreTest {
  private static final HttpStoreOptions FAST =
      HttpStoreOptions.DEFAULT
          .withRetries(3, Duration.ofMillis(20))
          .withTimeout(Duration.ofSeconds(5));
  @TempDir Path dir;
  private LoopbackStoreServer server;
  private LocalChunkStore backing;

  @BeforeEach
  void start() throws Exception {
    backing = new LocalChunkStore(dir.resolve("store"));
    server = new LoopbackStoreServer(backing.dir());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ChunkId add(byte[] data) {
    ChunkId id = ChunkId.digest(data);
    backing.put(id, data);
    return id;
  }

  /** Bytes that compress differently at levels 3 and 19: random words from a small alphabet. */
  private static byte[] compressible(long seed, int length) {
    Random random = new Random(seed);
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) ('a' + random.nextInt(random.nextInt(3) + 4));
    }
    return out;
  }

  /** A chunk file as another tool wrote it: zstd level 19, not our level 3. */
  private ChunkId addAtLevel19(byte[] data) throws Exception {
    ChunkId id = ChunkId.digest(data);
    Path file = backing.chunkPath(id);
    Files.createDirectories(file.getParent());
    Files.write(file, Zstd.compress(data, 19));
    return id;
  }

  @Test
  void theCacheKeepsChunksAsTheyArrived() throws Exception {
    List<ChunkId> ids =
        List.of(addAtLevel19(compressible(11, 70_000)), addAtLevel19(compressible(12, 30_000)));
    LocalChunkStore cache = new LocalChunkStore(dir.resolve("cache"));
    new ChunkFetcher(new HttpChunkStore(server.storeUri(), FAST), cache, 2)
        .fetch(ids, List.of(70_000, 30_000), (c, b) -> {});
    byte[] data = compressible(13, 20_000);
    ChunkId third = addAtLevel19(data);
    LocalChunkStore cache2 = new LocalChunkStore(dir.resolve("cache2"));
    assertThat(
            new CachingChunkStore(cache2, new HttpChunkStore(server.storeUri(), FAST)).get(third))
        .isEqualTo(data);
    for (ChunkId id : ids) {
      assertThat(Files.readAllBytes(cache.chunkPath(id)))
          .isEqualTo(Files.readAllBytes(backing.chunkPath(id)));
    }
    assertThat(Files.readAllBytes(cache2.chunkPath(third)))
        .isEqualTo(Files.readAllBytes(backing.chunkPath(third)));
  }

  @Test
  void aCorruptChunkNeverReachesTheCache() throws Exception {
    ChunkId id = add(TestData.random(14, 5000));
    Files.write(backing.chunkPath(id), Zstd.compress(new byte[5000], 3));
    LocalChunkStore cache = new LocalChunkStore(dir.resolve("cache"));
    assertThatThrownBy(
            () ->
                new ChunkFetcher(new HttpChunkStore(server.storeUri(), FAST), cache, 1)
                    .fetch(List.of(id), List.of(5000), (c, b) -> {}))
        .isInstanceOf(ChunkInvalidException.class);
    assertThat(cache.has(id)).isFalse();
  }

  @Test
  void getsHeadsAndPuts() {
    byte[] data = TestData.random(1, 70_000);
    ChunkId id = add(data);
    HttpChunkStore http = new HttpChunkStore(server.storeUri(), FAST);
    assertThat(http.get(id)).isEqualTo(data);
    assertThat(http.has(id)).isTrue();
    byte[] other = TestData.random(2, 1000);
    ChunkId otherId = ChunkId.digest(other);
    assertThat(http.has(otherId)).isFalse();
    http.put(otherId, other);
    assertThat(backing.get(otherId)).isEqualTo(other);
  }

  @Test
  void retriesServerErrorsThenSucceeds() {
    byte[] data = TestData.random(3, 5000);
    ChunkId id = add(data);
    server.failNext(2);
    assertThat(new HttpChunkStore(server.storeUri(), FAST).get(id)).isEqualTo(data);
    assertThat(server.requests()).isEqualTo(3);
  }

  @Test
  void givesUpAfterTheRetriesWithTheStatus() {
    ChunkId id = add(TestData.random(4, 100));
    server.failNext(10);
    assertThatThrownBy(() -> new HttpChunkStore(server.storeUri(), FAST).get(id))
        .isInstanceOf(ChunkStoreException.class)
        .hasMessageContaining("returned HTTP 500");
    assertThat(server.requests()).isEqualTo(4);
  }

  @Test
  void notFoundFallsThroughToTheNextStore() {
    byte[] data = TestData.random(5, 100);
    ChunkId id = ChunkId.digest(data);
    LocalChunkStore second = new LocalChunkStore(dir.resolve("second"));
    second.put(id, data);
    ChunkStore chain =
        new ChainedChunkStore(List.of(new HttpChunkStore(server.storeUri(), FAST), second));
    assertThat(chain.get(id)).isEqualTo(data);
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void aCorruptChunkFromTheServerIsDetectedAndNamed() throws Exception {
    byte[] data = TestData.random(6, 4000);
    ChunkId id = add(data);
    Files.write(backing.chunkPath(id), ChunkCodec.compress(TestData.random(7, 4000)));
    assertThatThrownBy(() -> new HttpChunkStore(server.storeUri(), FAST).get(id))
        .isInstanceOf(ChunkInvalidException.class)
        .hasMessageStartingWith("chunk " + id + " is corrupt in " + server.storeUri());
  }

  @Test
  void sendsTheAuthorizationHeader() {
    ChunkId id = add(TestData.random(8, 100));
    server.requireAuthorization("Bearer s3cret");
    assertThatThrownBy(() -> new HttpChunkStore(server.storeUri(), FAST).get(id))
        .hasMessageContaining("HTTP 401");
    assertThat(
            new HttpChunkStore(server.storeUri(), FAST.withAuthorization("Bearer s3cret")).has(id))
        .isTrue();
    assertThat(server.lastAuthorization()).isEqualTo("Bearer s3cret");
  }

  @Test
  void timesOut() {
    ChunkId id = add(TestData.random(9, 100));
    server.delay(2000);
    HttpStoreOptions impatient =
        FAST.withTimeout(Duration.ofMillis(200)).withRetries(1, Duration.ofMillis(10));
    assertThatThrownBy(() -> new HttpChunkStore(server.storeUri(), impatient).get(id))
        .isInstanceOf(ChunkStoreException.class)
        .hasMessageContaining("failed after 2 attempts")
        .hasMessageContaining("HttpTimeoutException");
  }

  @Test
  void aRateCapPacesTheDownload() {
    List<ChunkId> ids = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(add(TestData.random(100 + i, 50_000)));
      sizes.add(50_000);
    }
    long compressed = 0;
    for (ChunkId id : ids) {
      compressed += backing.getCompressed(id).length;
    }
    ByteRateLimiter cap =
        new ByteRateLimiter(compressed / 2); // about 1 s of burst, then 1 s of waiting
    HttpChunkStore http = new HttpChunkStore(server.storeUri(), FAST.withListener(cap));
    long start = System.nanoTime();
    ChunkFetcher.Result r =
        new ChunkFetcher(http, new LocalChunkStore(dir.resolve("cache")), 3)
            .fetch(ids, sizes, (c, b) -> {});
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.chunksFetched()).isEqualTo(6);
    assertThat(elapsedMs).isGreaterThanOrEqualTo(800);
  }
}
