package org.vsekai.nebula.server.tuf;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.api.Sha256;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.rest.NewMode;
import org.vsekai.nebula.api.rest.NewProduct;
import org.vsekai.nebula.api.rest.ReleaseRequest;
import org.vsekai.nebula.api.tuf.PatchTarget;
import org.vsekai.nebula.api.tuf.ReleaseTargets;
import org.vsekai.nebula.api.tuf.TufUpdater;
import org.vsekai.nebula.desync.patch.PatchCodec;
import org.vsekai.nebula.server.NebulaConfiguration;
import org.vsekai.nebula.server.testing.ApiClient;
import org.vsekai.nebula.server.testing.BuildUploader;
import org.vsekai.nebula.server.testing.NebulaApp;

/**
 * Patches made by the real service after publishing, against a real PostgreSQL, over HTTP on
 * loopback: a recompiled file gets a patch from the previous version, signed in the targets with
 * the hashes of its source and result; a file whose chunks are cheap gets none; the patch resumes
 * from an offset.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Tag("integration")
class ReleasePatchesTest {
  static final NebulaApp APP = NebulaApp.create();
  static final DropwizardAppExtension<NebulaConfiguration> EXT = APP.extension();

  @TempDir static Path work;
  static byte[] game1;
  static byte[] game2;
  static ReleaseTargets signed;

  /** Every 2 KiB a few new bytes: a recompile shifts everything after the first change. */
  static byte[] recompiled(byte[] old) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < old.length; i += 2048) {
      out.write(old, i, Math.min(2048, old.length - i));
      out.write(new byte[] {(byte) i, 9}, 0, 2);
    }
    return out.toByteArray();
  }

  @BeforeAll
  static void publishTwoVersions() throws Exception {
    ApiClient publisher = APP.publisher();
    publisher.post("api/v1/products", new NewProduct("v-sekai"));
    publisher.post("api/v1/modes", new NewMode("stable"));
    BuildUploader uploader = new BuildUploader(publisher, work.resolve("build"));
    game1 = BuildUploader.randomBytes(400_000, 1);
    game2 = recompiled(game1);
    byte[] readme1 = BuildUploader.randomBytes(30_000, 2);
    byte[] readme2 = readme1.clone();
    readme2[10] ^= 1;
    publish(
        publisher, "1.0.0", uploader.upload("bin/game", game1), uploader.upload("README", readme1));
    publish(
        publisher, "1.1.0", uploader.upload("bin/game", game2), uploader.upload("README", readme2));
    TufUpdater client =
        TufFixtures.pinnedClient(
            APP.baseUrl(), APP.services().signingKeys().publicKey(), work.resolve("client"));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    do {
      client.refresh();
      signed = new ReleaseTargets(client);
      if (signed.patch("v-sekai", "1.1.0", "bin/game", "1.0.0").isPresent()) {
        return;
      }
      Thread.sleep(200);
    } while (Instant.now().isBefore(deadline));
    throw new AssertionError("no patch of bin/game listed within a minute");
  }

  private static void publish(ApiClient publisher, String version, ManifestFile... files) {
    ApiClient.Reply r =
        publisher.post(
            "api/v1/releases",
            new ReleaseRequest(
                "v-sekai",
                version,
                "stable",
                "bin/game",
                BuildUploader.CHUNKING,
                List.of(files),
                null));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  @Test
  void aRecompiledFileGetsASignedPatchThatMakesItFromThePreviousVersion() throws Exception {
    PatchTarget patch = signed.patch("v-sekai", "1.1.0", "bin/game", "1.0.0").orElseThrow();
    assertThat(patch.sourceSha256()).isEqualTo(Sha256.hex(game1));
    assertThat(patch.resultSha256()).isEqualTo(Sha256.hex(game2));
    assertThat(patch.length()).isLessThan(patch.chunkBytes() / 10);
    assertThat(patch.chunkRawBytes()).isGreaterThan(game2.length / 2);

    byte[] bytes = signed.download(patch.target());
    Path source = Files.write(work.resolve("game1"), game1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PatchCodec.apply(source, new ByteArrayInputStream(bytes), out, game2.length);
    assertThat(out.toByteArray()).isEqualTo(game2);
  }

  @Test
  void thePatchStoreHoldsPatchesOnly() throws Exception {
    try (var files = Files.list(APP.services().patchStore().path("0".repeat(64)).getParent())) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .isNotEmpty()
          .allMatch(n -> n.matches("[0-9a-f]{64}\\.zst"), "named by their hash, no scratch left");
    }
  }

  @Test
  void aFileWhoseChunksAreCheapGetsNoPatch() {
    assertThat(signed.patch("v-sekai", "1.1.0", "README", "1.0.0")).isEmpty();
    assertThat(signed.patch("v-sekai", "1.0.0", "bin/game", "1.1.0")).isEmpty();
  }

  @Test
  void aPatchResumesFromAnOffsetAndOnlyItsOwnNameServesIt() throws Exception {
    PatchTarget patch = signed.patch("v-sekai", "1.1.0", "bin/game", "1.0.0").orElseThrow();
    byte[] whole = signed.download(patch.target());
    URI uri = APP.baseUrl().resolve("api/v1/tuf/targets/").resolve(patch.name());
    HttpResponse<byte[]> tail =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(uri).header("Range", "bytes=100-").build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(tail.statusCode()).isEqualTo(206);
    assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(whole, 100, whole.length));
    Optional<String> range = tail.headers().firstValue("Content-Range");
    assertThat(range).hasValue("bytes 100-" + (whole.length - 1) + "/" + whole.length);

    HttpResponse<byte[]> piece =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(uri).header("Range", "bytes=10-19").build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(piece.statusCode()).isEqualTo(206);
    assertThat(piece.body()).isEqualTo(Arrays.copyOfRange(whole, 10, 20));

    String other = patch.name().replace(patch.sha256(), "0".repeat(64));
    HttpResponse<byte[]> unknown =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(APP.baseUrl().resolve("api/v1/tuf/targets/").resolve(other))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(unknown.statusCode()).isEqualTo(404);
  }
}
