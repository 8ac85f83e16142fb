package org.vsekai.nebula.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.rest.NewMode;
import org.vsekai.nebula.api.rest.NewProduct;
import org.vsekai.nebula.api.rest.ReleaseRequest;
import org.vsekai.nebula.server.testing.ApiClient.Reply;
import org.vsekai.nebula.server.testing.BuildUploader;
import org.vsekai.nebula.server.testing.NebulaApp;

/**
 * Eight publishers register the same version at the same instant: exactly one wins with 201, the
 * other seven get 409, the tables hold one copy, and the serialization failures and unique
 * violations the race causes inside the database are retried, never answered as 500.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Tag("integration")
class ConcurrentPublishTest {
  static final NebulaApp APP = NebulaApp.create();
  static final DropwizardAppExtension<NebulaConfiguration> EXT = APP.extension();
  private static final Logger LOG = LoggerFactory.getLogger(ConcurrentPublishTest.class);
  private static final int PUBLISHERS = 8;
  private static final int ROUNDS = 5;
  private static final int FILES = 150;

  @Test
  void exactlyOneOfEightSimultaneousPublishersWins(@TempDir Path work) throws Exception {
    APP.publisher().post("api/v1/products", new NewProduct("race"));
    APP.publisher().post("api/v1/modes", new NewMode("stable"));
    ManifestFile uploaded =
        new BuildUploader(APP.publisher(), work).upload("f", BuildUploader.randomBytes(20_000, 7));
    // Many files make each transaction long, so the eight overlap in the database.
    List<ManifestFile> files = new ArrayList<>();
    for (int i = 0; i < FILES; i++) {
      files.add(new ManifestFile("data/file" + i, uploaded.size(), "0644", uploaded.indexSha256()));
    }

    long retriesBefore = APP.services().transactions().retries();
    ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        String version = "1.0." + round;
        ReleaseRequest request =
            new ReleaseRequest(
                "race", version, "stable", null, BuildUploader.CHUNKING, files, null);
        CyclicBarrier start = new CyclicBarrier(PUBLISHERS);
        List<Future<Reply>> replies = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
          replies.add(
              pool.submit(
                  () -> {
                    start.await(30, TimeUnit.SECONDS);
                    return APP.publisher().post("api/v1/releases", request);
                  }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Reply> f : replies) {
          Reply r = f.get(120, TimeUnit.SECONDS);
          statuses.add(r.status());
          if (r.status() == 409) {
            assertThat(r.error()).isEqualTo("race " + version + " already exists");
          }
        }

        assertThat(statuses).as("round %d", round).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201).count())
            .as("winners in round %d", round)
            .isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(APP.count("versions")).isEqualTo(ROUNDS);
    assertThat(APP.count("version_validities")).isEqualTo(ROUNDS);
    assertThat(APP.count("releases")).isEqualTo(ROUNDS);
    assertThat(APP.count("manifests")).isEqualTo(ROUNDS);
    assertThat(APP.count("version_files")).isEqualTo(ROUNDS * FILES);
    LOG.info(
        "transactions retried during the race: {}",
        APP.services().transactions().retries() - retriesBefore);
  }
}
