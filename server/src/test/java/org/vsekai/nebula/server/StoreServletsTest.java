package org.vsekai.nebula.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vsekai.nebula.api.Sha256;
import org.vsekai.nebula.desync.CaibxWriter;
import org.vsekai.nebula.desync.ChunkCodec;
import org.vsekai.nebula.desync.ChunkId;
import org.vsekai.nebula.desync.ChunkIndex;
import org.vsekai.nebula.desync.HashAlgorithm;
import org.vsekai.nebula.desync.IndexChunk;
import org.vsekai.nebula.server.testing.ApiClient;
import org.vsekai.nebula.server.testing.ApiClient.Reply;
import org.vsekai.nebula.server.testing.BuildUploader;
import org.vsekai.nebula.server.testing.NebulaApp;

/** /store/ and /index/ speak desync's HTTP store protocol and verify what they are given. */
@ExtendWith(DropwizardExtensionsSupport.class)
@Tag("integration")
class StoreServletsTest {
  static final NebulaApp APP =
      NebulaApp.create(ConfigOverride.config("store.maxChunkSize", "64KiB"));
  static final DropwizardAppExtension<NebulaConfiguration> EXT = APP.extension();

  private final ApiClient publisher = APP.publisher();
  private final ApiClient anonymous = APP.anonymous();

  private static byte[] data(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aChunkPutOnceIsServedByteForByte() {
    byte[] content = data("hello world\n");
    ChunkId id = ChunkId.digest(content);
    byte[] compressed = ChunkCodec.compress(content);
    String path = BuildUploader.chunkPath(id);

    assertThat(anonymous.head(path).status()).isEqualTo(404);
    assertThat(anonymous.get(path).status()).isEqualTo(404);
    assertThat(publisher.send("PUT", path, "application/octet-stream", compressed).status())
        .isEqualTo(201);
    assertThat(publisher.send("PUT", path, "application/octet-stream", compressed).status())
        .isEqualTo(200);

    Reply got = anonymous.get(path);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.bytes()).isEqualTo(compressed);
    assertThat(got.raw().headers().firstValue("Cache-Control"))
        .hasValueSatisfying(v -> assertThat(v).contains("immutable"));
    Reply head = anonymous.head(path);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.raw().headers().firstValueAsLong("Content-Length")).hasValue(compressed.length);
    // Stored in the casync layout, so desync and nginx can serve the same folder.
    assertThat(Files.exists(APP.services().chunkStore().chunkPath(id))).isTrue();
  }

  @Test
  void emptyAndShortChunkBodiesAreRefusedByName() {
    ChunkId id = ChunkId.digest(data("empty body"));
    String path = BuildUploader.chunkPath(id);
    for (byte[] body : new byte[][] {new byte[0], new byte[] {0x28, (byte) 0xb5}}) {
      Reply r = publisher.send("PUT", path, "application/octet-stream", body);
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.error())
          .startsWith("chunk " + id + " is not valid zstd (" + body.length + " bytes");
    }
    assertThat(anonymous.head(path).status()).isEqualTo(404);
  }

  @Test
  void anEmptyFileACrashLeftUnderAChunksNameIsNoChunkAndTheNextUploadReplacesIt() throws Exception {
    byte[] content = data("left empty by a power cut");
    ChunkId id = ChunkId.digest(content);
    String path = BuildUploader.chunkPath(id);
    Path file = APP.services().chunkStore().chunkPath(id);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[0]);

    assertThat(anonymous.head(path).status()).isEqualTo(404);
    assertThat(anonymous.get(path).status()).isEqualTo(404);
    assertThat(
            publisher
                .send("PUT", path, "application/octet-stream", ChunkCodec.compress(content))
                .status())
        .isIn(200, 201);

    assertThat(anonymous.head(path).status()).isEqualTo(200);
    assertThat(ChunkCodec.decompress(anonymous.get(path).bytes(), 1 << 20)).isEqualTo(content);
  }

  @Test
  void aChunkWhoseContentIsNotItsNameIsRefused() {
    ChunkId claimed = ChunkId.digest(data("one"));
    String path = BuildUploader.chunkPath(claimed);

    Reply wrong =
        publisher.send("PUT", path, "application/octet-stream", ChunkCodec.compress(data("two")));
    Reply notZstd = publisher.send("PUT", path, "application/octet-stream", data("plain text"));
    Reply bomb =
        publisher.send(
            "PUT", path, "application/octet-stream", ChunkCodec.compress(new byte[128 * 1024]));

    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.error()).contains("hash to");
    assertThat(notZstd.status()).isEqualTo(400);
    assertThat(bomb.status()).as("decompresses beyond maxChunkSize").isEqualTo(400);
    assertThat(anonymous.head(path).status()).isEqualTo(404);
  }

  @Test
  void malformedPathsAre400AndOtherMethods405() {
    String id = ChunkId.digest(data("x")).toHex();
    for (String bad :
        new String[] {
          "store/" + id + ".cacnk",
          "store/ffff/" + id + ".cacnk",
          "store/" + id.substring(0, 4) + "/" + id,
          "store/" + id.substring(0, 4) + "/" + id.toUpperCase() + ".cacnk",
          "store/../etc/passwd",
          "index/abc.caibx",
          "index/" + "A".repeat(64) + ".caibx"
        }) {
      Reply r = anonymous.get(bad);
      assertThat(r.status()).as(bad).isIn(400, 404);
      if (r.status() == 404) {
        assertThat(r.error()).as(bad).isNotNull();
      }
    }
    assertThat(anonymous.get("store/ffff/" + id + ".cacnk").status()).isEqualTo(400);
    Reply post =
        publisher.send(
            "POST",
            BuildUploader.chunkPath(ChunkId.fromHex(id)),
            "application/octet-stream",
            new byte[1]);
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.raw().headers().firstValue("Allow")).hasValue("GET, HEAD, PUT");
    assertThat(publisher.delete("index/" + "a".repeat(64) + ".caibx").status()).isEqualTo(405);
  }

  @Test
  void uploadsNeedThePublisherToken() {
    byte[] content = data("secret");
    String path = BuildUploader.chunkPath(ChunkId.digest(content));

    assertThat(
            anonymous
                .send("PUT", path, "application/octet-stream", ChunkCodec.compress(content))
                .status())
        .isEqualTo(401);
    assertThat(
            publisher
                .withToken("nope")
                .send("PUT", path, "application/octet-stream", ChunkCodec.compress(content))
                .status())
        .isEqualTo(401);
    assertThat(
            anonymous
                .send("PUT", "index/" + "a".repeat(64) + ".caibx", null, new byte[104])
                .status())
        .isEqualTo(401);
    assertThat(anonymous.head(path).status()).isEqualTo(404);
  }

  @Test
  void anIndexMustParseAndBeNamedByItsDigest(@TempDir Path work) {
    BuildUploader.Chunked c =
        new BuildUploader(publisher, work).chunk("f", BuildUploader.randomBytes(30_000, 9));
    String good = "index/" + c.file().indexSha256() + ".caibx";

    Reply garbage =
        publisher.send(
            "PUT", "index/" + Sha256.hex(data("garbage")) + ".caibx", null, data("garbage"));
    Reply misnamed = publisher.send("PUT", "index/" + "b".repeat(64) + ".caibx", null, c.caibx());
    Reply stored = publisher.send("PUT", good, null, c.caibx());

    assertThat(garbage.status()).isEqualTo(415);
    assertThat(garbage.error()).contains("truncated");
    assertThat(misnamed.status()).isEqualTo(400);
    assertThat(misnamed.error()).contains("has SHA-256 " + c.file().indexSha256());
    assertThat(stored.status()).isEqualTo(201);
    assertThat(anonymous.get(good).bytes()).isEqualTo(c.caibx());
    assertThat(anonymous.head("index/" + "b".repeat(64) + ".caibx").status()).isEqualTo(404);
  }

  @ParameterizedTest(name = "{0} chunks")
  @ValueSource(ints = {20_000, 120_000})
  void largeIndexesAreServedWhole(int chunkCount) {
    // 20,000 chunks make a 0.8 MB index (read into one buffer, then kept in memory); 120,000
    // make 4.8 MB, which the servlet streams.
    List<IndexChunk> chunks = new ArrayList<>();
    for (int i = 0; i < chunkCount; i++) {
      chunks.add(new IndexChunk(i * 2048L, 2048, ChunkId.digest(data("chunk " + i))));
    }
    byte[] caibx =
        CaibxWriter.toBytes(ChunkIndex.of(BuildUploader.SIZES, HashAlgorithm.SHA512_256, chunks));
    String path = "index/" + Sha256.hex(caibx) + ".caibx";
    assertThat(caibx.length).isGreaterThan(chunkCount * 40);

    assertThat(publisher.send("PUT", path, null, caibx).status()).isEqualTo(201);
    assertThat(anonymous.get(path).bytes()).isEqualTo(caibx);
    assertThat(anonymous.get(path).bytes()).isEqualTo(caibx);
  }

  @Test
  void aChunkPrunedFromDiskMayStillBeServedFromMemoryButHeadSaysItIsGone() throws Exception {
    byte[] content = data("pruned later");
    ChunkId id = ChunkId.digest(content);
    byte[] compressed = ChunkCodec.compress(content);
    String path = BuildUploader.chunkPath(id);
    assertThat(publisher.send("PUT", path, "application/octet-stream", compressed).status())
        .isEqualTo(201);
    long servedBefore = EXT.getEnvironment().metrics().meter("store.chunks.served").getCount();
    assertThat(anonymous.get(path).bytes()).isEqualTo(compressed);

    Files.delete(APP.services().chunkStore().chunkPath(id));

    // The bytes are still right for their name, so a GET may have them; but a publisher asks
    // HEAD before skipping an upload, and must hear the truth.
    Reply again = anonymous.get(path);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.bytes()).isEqualTo(compressed);
    assertThat(anonymous.head(path).status()).isEqualTo(404);
    assertThat(EXT.getEnvironment().metrics().meter("store.chunks.served").getCount())
        .isEqualTo(servedBefore + 2);
  }

  @Test
  void theAdminPortServesNoStore() {
    byte[] compressed = ChunkCodec.compress(data("admin"));
    String path = BuildUploader.chunkPath(ChunkId.digest(data("admin")));
    assertThat(publisher.send("PUT", path, "application/octet-stream", compressed).status())
        .isEqualTo(201);

    assertThat(APP.admin().get(path).status()).isEqualTo(404);
    assertThat(anonymous.get(path).status()).isEqualTo(200);
  }

  @Test
  void anUploadLargerThanTheLimitIs413() {
    ChunkId id = ChunkId.digest(data("big"));
    byte[] tooBig = new byte[80 * 1024];

    assertThat(
            publisher
                .send("PUT", BuildUploader.chunkPath(id), "application/octet-stream", tooBig)
                .status())
        .isEqualTo(413);
  }
}
