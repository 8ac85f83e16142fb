package org.vsekai.nebula.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.activities.testing.Builds;
import org.vsekai.nebula.activities.testing.FakeReleaseService;
import org.vsekai.nebula.workflows.activities.ApplyRequest;
import org.vsekai.nebula.workflows.activities.DownloadBatchRequest;
import org.vsekai.nebula.workflows.activities.FinalizeRequest;
import org.vsekai.nebula.workflows.activities.PrepareRequest;
import org.vsekai.nebula.workflows.activities.UpdatePlan;

/**
 * Files the plan takes unchanged from the installed release are taken only if they still are: one
 * the game or the player changed or removed between prepare and finalize is assembled afresh, and
 * one whose permissions changed gets its own file with the release's permissions.
 */
@Tag("integration")
class FinalizeChecksUnchangedFilesTest {
  private static final Instant LATER = Instant.now().plus(Duration.ofDays(1));

  @TempDir Path dir;
  private FakeReleaseService service;
  private ActivitiesTestBed bed;
  private Path v1;

  @BeforeEach
  void installV1() throws Exception {
    service = new FakeReleaseService(dir.resolve("service"));
    v1 = Builds.v1(dir.resolve("build-v1"));
    service.publish("0.1.0", "stable", v1, LATER);
    bed = new ActivitiesTestBed(dir, service, DiskSpace.REAL);
    bed.update("0.1.0");
  }

  @AfterEach
  void stop() {
    bed.close();
    service.close();
  }

  /** Prepares, downloads and applies v2 (the finalize is left to the test). */
  private UpdatePlan stageV2(Path v2) throws Exception {
    service.publish("0.2.0", "stable", v2, LATER);
    UpdatePlan plan =
        bed.activities.prepare(
            new PrepareRequest(bed.installId, "v-sekai", "stable", "0.1.0", "0.2.0", false));
    bed.activities.downloadChunks(new DownloadBatchRequest(plan.planId(), 0, 1, 0));
    bed.activities.apply(new ApplyRequest(plan.planId()));
    return plan;
  }

  private void finalizeV2(UpdatePlan plan) {
    bed.activities.finalizeUpdate(new FinalizeRequest(plan.planId(), "0.2.0"));
  }

  @Test
  void aFileWrittenToAfterPlanningIsAssembledAfresh() throws Exception {
    Path v2 = Builds.v2(v1, dir.resolve("build-v2"));
    UpdatePlan plan = stageV2(v2);
    // The game rewrites a pack file it was shipped with, in place, as it runs.
    Path avatars = bed.folder.current().resolve("data/avatars.pck");
    byte[] bytes = Files.readAllBytes(avatars);
    bytes[1000] ^= 0x55;
    Files.write(avatars, bytes);
    Files.setLastModifiedTime(avatars, FileTime.from(Instant.now().plusSeconds(60)));

    finalizeV2(plan);

    assertThat(Builds.contents(bed.folder.current())).isEqualTo(Builds.contents(v2));
  }

  @Test
  void aFileRemovedAfterPlanningIsAssembledAfresh() throws Exception {
    Path v2 = Builds.v2(v1, dir.resolve("build-v2"));
    UpdatePlan plan = stageV2(v2);
    Files.delete(bed.folder.current().resolve("textures/sky.png"));

    finalizeV2(plan);

    assertThat(Builds.contents(bed.folder.current())).isEqualTo(Builds.contents(v2));
  }

  @Test
  void onlyPermissionsChangedGivesTheFileItsOwnCopyWithoutDownloading() throws Exception {
    Path v2 = dir.resolve("build-v2");
    Builds.copy(v1, v2);
    Path tool = v2.resolve("data/avatars.pck");
    assertThat(tool.toFile().setExecutable(true)).isTrue();
    UpdatePlan plan = stageV2(v2);
    assertThat(plan.filesChanged()).isEqualTo(1);
    assertThat(plan.bytesToDownload()).isZero();
    Path installedV1 = bed.folder.current().toRealPath().resolve("data/avatars.pck");

    finalizeV2(plan);

    Path installed = bed.folder.current().resolve("data/avatars.pck");
    assertThat(Files.isExecutable(installed)).isTrue();
    assertThat(Builds.contents(bed.folder.current())).isEqualTo(Builds.contents(v2));
    assertThat(installedV1).doesNotExist();
  }
}
