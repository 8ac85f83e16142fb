package org.vsekai.nebula.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.api.Sha256;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.manifest.ReleaseManifest.ChunkingParameters;
import org.vsekai.nebula.api.rest.NewMode;
import org.vsekai.nebula.api.rest.NewProduct;
import org.vsekai.nebula.api.rest.ReleaseRequest;
import org.vsekai.nebula.desync.testing.ExternalTool;
import org.vsekai.nebula.server.testing.ApiClient;
import org.vsekai.nebula.server.testing.ApiClient.Reply;
import org.vsekai.nebula.server.testing.BuildUploader;
import org.vsekai.nebula.server.testing.NebulaApp;

/**
 * The real desync against the service: it uploads a build's chunks to {@code /store/} with the
 * publisher token (its HTTP store client does HEAD, then PUT), the release is registered, and
 * {@code desync extract} rebuilds the file from {@code /store/} and {@code /index/} byte for byte.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Tag("integration")
class DesyncInteropTest {
  static final NebulaApp APP = NebulaApp.create();
  static final DropwizardAppExtension<NebulaConfiguration> EXT = APP.extension();

  @Test
  void desyncExtractsAPublishedFileByteExact(@TempDir Path work) throws Exception {
    ExternalTool desync = ExternalTool.require("desync");
    Path build = work.resolve("game.pck");
    Files.write(build, gameLikeBytes());
    Path index = work.resolve("game.pck.caibx");
    Path localStore = Files.createDirectories(work.resolve("local-store"));
    desync.run(work, "make", "-s", localStore.toString(), index.toString(), build.toString());

    String store = APP.baseUrl().resolve("store/").toString();
    Path config = work.resolve("desync.json");
    Files.writeString(
        config,
        "{\"store-options\": {\""
            + store
            + "\": {\"http-auth\": \"Bearer "
            + NebulaApp.TOKEN
            + "\"}}}");
    desync.run(
        work,
        "--config",
        config.toString(),
        "chop",
        "-s",
        store,
        index.toString(),
        build.toString());

    ApiClient publisher = APP.publisher();
    byte[] caibx = Files.readAllBytes(index);
    String sha = Sha256.hex(caibx);
    assertThat(publisher.send("PUT", "index/" + sha + ".caibx", null, caibx).status())
        .isEqualTo(201);
    publisher.post("api/v1/products", new NewProduct("v-sekai"));
    publisher.post("api/v1/modes", new NewMode("stable"));
    ManifestFile file = new ManifestFile("data/game.pck", Files.size(build), "0644", sha);
    Reply release =
        publisher.post(
            "api/v1/releases",
            new ReleaseRequest(
                "v-sekai",
                "0.1.0",
                "stable",
                null,
                new ChunkingParameters(16384, 65536, 262144),
                List.of(file),
                null));
    assertThat(release.status()).as(release.body()).isEqualTo(201);

    Path out = work.resolve("extracted.pck");
    desync.run(
        work,
        "extract",
        "-s",
        store,
        APP.baseUrl().resolve("index/" + sha + ".caibx").toString(),
        out.toString());

    assertThat(Files.mismatch(build, out)).isEqualTo(-1L);
  }

  /** About 3 MB like a pack file: random blocks with repeats, so chunks are shared and reused. */
  private static byte[] gameLikeBytes() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] texture = BuildUploader.randomBytes(400_000, 11);
    for (int i = 0; i < 4; i++) {
      b.write(BuildUploader.randomBytes(300_000, 20 + i));
      b.write(texture);
    }
    b.write(new byte[200_000]);
    return b.toByteArray();
  }
}
