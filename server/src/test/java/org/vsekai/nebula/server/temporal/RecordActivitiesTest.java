package org.vsekai.nebula.server.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.api.Sha256;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.manifest.ReleaseManifest;
import org.vsekai.nebula.api.rest.ReleaseRequest;
import org.vsekai.nebula.desync.CaibxWriter;
import org.vsekai.nebula.desync.ChunkSizes;
import org.vsekai.nebula.desync.IndexMaker;
import org.vsekai.nebula.schema.UpdateProcess;
import org.vsekai.nebula.server.EmbeddedNebulaService;
import org.vsekai.nebula.workflows.UpdateState;
import org.vsekai.nebula.workflows.UpdateTrigger;
import org.vsekai.nebula.workflows.activities.RecordReceipt;
import org.vsekai.nebula.workflows.activities.UpdateRecord;

/** The record activity against the real schema on embedded PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class RecordActivitiesTest {
  @TempDir static Path dir;
  private EmbeddedNebulaService nebula;
  private RecordActivitiesImpl recorder;

  @BeforeAll
  void start() throws Exception {
    nebula = EmbeddedNebulaService.start(dir);
    recorder = new RecordActivitiesImpl(nebula.services().updateProcesses());
  }

  @AfterAll
  void stop() throws Exception {
    nebula.close();
  }

  private UpdateRecord record(
      String installId, String processId, UpdateState state, String failure) {
    return new UpdateRecord(
        processId,
        installId,
        "update-" + installId,
        "run-1",
        "v-sekai",
        "stable",
        null,
        "0.1.0",
        state,
        failure == null ? null : UpdateState.DOWNLOADING_UPDATE,
        failure == null ? null : "CorruptChunk",
        failure,
        10,
        20,
        3,
        UpdateTrigger.MANUAL,
        null,
        Instant.now());
  }

  @Test
  void recordsAnUpdateFromStartToEndOnceEvenWhenRecordsRepeat() throws Exception {
    var catalog = nebula.services().catalog();
    catalog.products().create("v-sekai", null, null);
    catalog.modes().create("stable", null, null);
    publishOneFileRelease("0.1.0");
    UUID install = UUID.randomUUID();
    nebula.services().installs().register(install, "v-sekai", "stable", null);

    RecordReceipt first =
        recorder.record(record(install.toString(), null, UpdateState.UPDATE_AVAILABLE, null));
    RecordReceipt again =
        recorder.record(record(install.toString(), null, UpdateState.UPDATE_AVAILABLE, null));
    assertThat(again).isEqualTo(first);
    recorder.record(
        record(
            install.toString(),
            first.updateProcessId(),
            UpdateState.UPDATE_FAILED,
            "chunk x is corrupt"));
    recorder.record(
        record(
            install.toString(),
            first.updateProcessId(),
            UpdateState.UPDATE_FAILED,
            "chunk x is corrupt"));

    UpdateProcess info =
        nebula.services().updateProcesses().find(UUID.fromString(first.updateProcessId()));
    assertThat(info.states())
        .extracting(s -> s.state().name())
        .containsExactly("UpdateAvailable", "UpdateFailed");
    assertThat(info.states().get(1).detail())
        .contains("CorruptChunk in DownloadingUpdate: chunk x is corrupt");
    assertThat(info.validTo()).isNotNull();
  }

  private void publishOneFileRelease(String version) throws Exception {
    Path file = Files.writeString(dir.resolve("game.bin"), "V-Sekai " + version);
    var index =
        new IndexMaker(ChunkSizes.DEFAULT).store(nebula.services().chunkStore()).make(file).index();
    byte[] caibx = CaibxWriter.toBytes(index);
    String sha = Sha256.hex(caibx);
    nebula.services().indexStore().put(sha, caibx);
    nebula
        .services()
        .releasePublisher()
        .publish(
            new ReleaseRequest(
                "v-sekai",
                version,
                "stable",
                "game.bin",
                new ReleaseManifest.ChunkingParameters(16384, 65536, 262144),
                List.of(new ManifestFile("game.bin", Files.size(file), "0755", sha)),
                null));
  }

  @Test
  void anUnknownInstallIsNotRetriedForever() {
    assertThatThrownBy(
            () ->
                recorder.record(
                    record(UUID.randomUUID().toString(), null, UpdateState.UPDATE_AVAILABLE, null)))
        .isInstanceOf(ApplicationFailure.class)
        .satisfies(e -> assertThat(((ApplicationFailure) e).isNonRetryable()).isTrue());
  }
}
