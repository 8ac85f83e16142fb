package org.vsekai.nebula.server.tuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.api.Sha256;
import org.vsekai.nebula.api.manifest.ManifestJson;
import org.vsekai.nebula.api.manifest.ReleaseManifest;
import org.vsekai.nebula.api.rest.ReleaseInfo;
import org.vsekai.nebula.desync.testing.ExternalTool;
import org.vsekai.nebula.server.NebulaConfiguration;
import org.vsekai.nebula.server.testing.ApiClient;
import org.vsekai.nebula.server.testing.NebulaApp;

/**
 * The live service's metadata consumed by the reference implementation, python-tuf's ngclient
 * ({@code nebula-tuf-python}, scripts/install-tools.sh), over real HTTP: it trusts the first root,
 * follows the chain, refreshes and downloads a release's manifest and one of its indexes.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Tag("integration")
class TufPythonInteropTest {
  static final NebulaApp APP = NebulaApp.create();
  static final DropwizardAppExtension<NebulaConfiguration> EXT = APP.extension();

  @TempDir Path dir;

  @Test
  void pythonTufsNgclientAcceptsTheServicesMetadataAndDownloadsTargets() throws Exception {
    ExternalTool python = ExternalTool.require("nebula-tuf-python");
    TufFixtures.Releases releases = new TufFixtures.Releases(APP.publisher(), dir.resolve("build"));
    releases.catalog("v-sekai", "stable");
    ReleaseInfo release = releases.publish("v-sekai", "1.0.0", "stable", "bin/game", 1);
    // A second root, so ngclient walks the chain from the one it was given.
    byte[] next =
        TufFixtures.sign(
            TufFixtures.nextRoot(TufFixtures.served(APP.anonymous(), "root.json")),
            APP.services().signingKeys().tufSigner());
    assertThat(APP.publisher().send("PUT", "api/v1/tuf/metadata/root", null, next).status())
        .isEqualTo(201);
    Path trustedRoot =
        Files.write(
            dir.resolve("1.root.json"),
            APP.anonymous().get("api/v1/tuf/metadata/1.root.json").bytes());
    Path script = copyScript();
    byte[] manifest = release.manifest().payloadBytes();
    String indexSha =
        ManifestJson.read(manifest, ReleaseManifest.class).files().get(0).indexSha256();

    JsonNode got = download(python, script, trustedRoot, "v-sekai/1.0.0/manifest.json");
    assertThat(got.get("root_version").asInt()).isEqualTo(2);
    assertThat(got.get("sha256").asText()).isEqualTo(Sha256.hex(manifest));
    assertThat(got.get("custom").get("modes").toString()).isEqualTo("[\"stable\"]");

    JsonNode index = download(python, script, trustedRoot, "v-sekai/1.0.0/files/bin/game.caibx");
    assertThat(index.get("sha256").asText()).isEqualTo(indexSha);
  }

  private JsonNode download(ExternalTool python, Path script, Path trustedRoot, String target)
      throws IOException {
    Path work = Files.createTempDirectory(dir, "ngclient");
    ExternalTool.Run run =
        python.runAllowingFailure(
            dir,
            Duration.ofMinutes(2),
            script.toString(),
            APP.baseUrl().resolve("api/v1/tuf/metadata/").toString(),
            APP.baseUrl().resolve("api/v1/tuf/targets/").toString(),
            trustedRoot.toString(),
            work.toString(),
            target);
    assertThat(run.exitCode())
        .as("python-tuf refused the service's metadata for %s: %s", target, run.stderr())
        .isZero();
    return ApiClient.JSON.readTree(run.stdout());
  }

  /** The script from the api module's test jar. */
  private Path copyScript() throws IOException {
    Path out = dir.resolve("ngclient_download.py");
    try (InputStream in = getClass().getResourceAsStream("/tuf/ngclient_download.py")) {
      assertThat(in).as("the api test jar's tuf/ngclient_download.py").isNotNull();
      Files.copy(in, out);
    }
    return out;
  }
}
