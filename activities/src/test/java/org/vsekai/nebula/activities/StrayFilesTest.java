package org.vsekai.nebula.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.activities.testing.Builds;
import org.vsekai.nebula.activities.testing.FakeReleaseService;
import org.vsekai.nebula.workflows.activities.ApplyRequest;
import org.vsekai.nebula.workflows.activities.CheckRequest;
import org.vsekai.nebula.workflows.activities.DownloadBatchRequest;
import org.vsekai.nebula.workflows.activities.FinalizeRequest;
import org.vsekai.nebula.workflows.activities.PrepareRequest;
import org.vsekai.nebula.workflows.activities.UpdatePlan;

/**
 * A kill -9 during apply leaves a temporary beside the file being written, inside the new release's
 * folder. The next attempt, and finalize in any case, leave the installed release holding exactly
 * the manifest's files.
 */
@Tag("integration")
class StrayFilesTest {
  private static final Instant NEXT_MONTH = Instant.now().plus(Duration.ofDays(30));
  @TempDir Path dir;
  private FakeReleaseService service;
  private ActivitiesTestBed bed;
  private Path v2;

  @BeforeEach
  void publish() throws Exception {
    service = new FakeReleaseService(dir.resolve("service"));
    Path v1 = Builds.v1(dir.resolve("build-v1"));
    v2 = Builds.v2(v1, dir.resolve("build-v2"));
    service.publish("0.1.0", "stable", v1, NEXT_MONTH);
    service.publish("0.2.0", "stable", v2, NEXT_MONTH);
    bed = new ActivitiesTestBed(dir, service, DiskSpace.REAL);
    bed.update("0.1.0");
  }

  @AfterEach
  void stop() {
    bed.close();
    service.close();
  }

  @Test
  void whatACrashedApplyLeftIsGoneOnceTheUpdateCompletes() throws Exception {
    String installed =
        bed.activities
            .check(new CheckRequest(bed.installId, "v-sekai", "stable", null, null))
            .installedVersion();
    UpdatePlan plan =
        bed.activities.prepare(
            new PrepareRequest(bed.installId, "v-sekai", "stable", installed, "0.2.0", false));
    for (int b = 0; b < 2; b++) {
      bed.activities.downloadChunks(new DownloadBatchRequest(plan.planId(), b, 2, 0));
    }
    // What a kill -9 mid-apply leaves: half a file under a temporary name, beside others.
    Path staging = bed.folder.releaseDir(plan.planId());
    Files.createDirectories(staging.resolve("data"));
    Files.write(staging.resolve("data/.world.pck.tmp-5eadbeef"), new byte[100_000]);
    Files.write(staging.resolve(".v-sekai.copy"), new byte[10]);
    // And what no manifest names (an earlier plan's file, an empty folder).
    Files.writeString(staging.resolve("leftover.txt"), "not in the release");
    Files.createDirectories(staging.resolve("empty/deeper"));

    bed.activities.apply(new ApplyRequest(plan.planId()));
    assertThat(staging.resolve("data/.world.pck.tmp-5eadbeef")).doesNotExist();
    bed.activities.finalizeUpdate(new FinalizeRequest(plan.planId(), "0.2.0"));

    assertThat(entries(bed.folder.current())).isEqualTo(entries(v2));
    assertThat(Builds.contents(bed.folder.current())).isEqualTo(Builds.contents(v2));
  }

  /** Every file and folder under {@code root}, relative, hidden ones included. */
  private static List<String> entries(Path root) throws Exception {
    Path real = root.toRealPath();
    try (Stream<Path> walk = Files.walk(real)) {
      return List.copyOf(
          new TreeSet<>(
              walk.filter(p -> !p.equals(real)).map(p -> real.relativize(p).toString()).toList()));
    }
  }
}
