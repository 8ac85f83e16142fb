package org.vsekai.nebula.api.tuf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.desync.testing.ExternalTool;

/**
 * Interop with the reference implementation, python-tuf (PyPI {@code tuf}, installed by
 * scripts/install-tools.sh as {@code nebula-tuf-python}): each side consumes what the other signed,
 * over real HTTP on loopback, across a root key rotation.
 */
@Tag("integration")
class PythonTufInteropTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aRepositoryMadeByPythonTufIsConsumedByNebula() throws IOException {
    ExternalTool python = ExternalTool.require("nebula-tuf-python");
    Path repoDir = dir.resolve("repo");
    JsonNode made =
        JSON.readTree(
            python.run(dir, script("make_repo.py").toString(), repoDir.toString()).stdout());
    try (RepositoryServer server = new RepositoryServer(repoDir)) {
      TrustedMetadataStore store = new TrustedMetadataStore(dir.resolve("install/.nebula/tuf"));
      TufUpdater.trustRoot(Files.readAllBytes(repoDir.resolve("metadata/1.root.json")), store);
      TufUpdater updater =
          new TufUpdater(
              server.source("metadata"), server.source("targets"), store, Clock.systemUTC());
      updater.refresh();
      assertEquals(2, updater.root().version(), "followed python-tuf's root rotation");
      TargetFile target = updater.target(made.get("path").asText()).orElseThrow();
      assertEquals("1.0.0", target.custom("version"));
      byte[] data = updater.download(target);
      assertEquals(made.get("sha256").asText(), Hashes.sha256(data));
    }
  }

  @Test
  void nebulasMetadataIsAcceptedByPythonTufsNgclient() throws IOException {
    ExternalTool python = ExternalTool.require("nebula-tuf-python");
    TestRepository repo = new TestRepository(dir.resolve("repo"));
    TufSigner oldRoot = repo.signers.get("root").get(0);
    repo.publishRoot(List.of(oldRoot));
    // Rotate to a root of three keys with a threshold of two, signed by the old key and two new.
    List<TufSigner> three =
        List.of(TestRepository.newSigner(), TestRepository.newSigner(), TestRepository.newSigner());
    repo.signers.put("root", new ArrayList<>(three));
    repo.thresholds.put("root", 2);
    repo.publishRoot(List.of(oldRoot, three.get(0), three.get(2)));
    byte[] manifest =
        "{\"product\":\"vsekai\",\"version\":\"2.0.0\"}".getBytes(StandardCharsets.UTF_8);
    repo.addTarget("vsekai/2.0.0/manifest.json", manifest, TufUpdaterTest.custom("2.0.0"));
    repo.publish();

    try (RepositoryServer server = new RepositoryServer(dir.resolve("repo"))) {
      ExternalTool.Run run =
          python.runAllowingFailure(
              dir,
              Duration.ofMinutes(2),
              script("ngclient_download.py").toString(),
              server.uri("metadata").toString(),
              server.uri("targets").toString(),
              repo.metadataDir.resolve("1.root.json").toString(),
              dir.resolve("python-client").toString(),
              "vsekai/2.0.0/manifest.json");
      assertEquals(0, run.exitCode(), "python-tuf refused Nebula's metadata: " + run.stderr());
      JsonNode out = JSON.readTree(run.stdout());
      assertEquals(2, out.get("root_version").asInt());
      assertEquals(Hashes.sha256(manifest), out.get("sha256").asText());
      assertEquals("2.0.0", out.get("custom").get("version").asText());
      assertArrayEquals(
          manifest,
          Files.readAllBytes(
              dir.resolve("python-client/targets").resolve("vsekai%2F2.0.0%2Fmanifest.json")));
    }
  }

  private Path script(String name) throws IOException {
    Path out = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/tuf/" + name)) {
      Files.copy(in, out);
    }
    return out;
  }
}
