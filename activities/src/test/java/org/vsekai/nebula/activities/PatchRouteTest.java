package org.vsekai.nebula.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.activities.testing.Builds;
import org.vsekai.nebula.activities.testing.FakeReleaseService;
import org.vsekai.nebula.desync.AtomicFiles;
import org.vsekai.nebula.workflows.activities.ApplyRequest;
import org.vsekai.nebula.workflows.activities.CheckRequest;
import org.vsekai.nebula.workflows.activities.DownloadBatchRequest;
import org.vsekai.nebula.workflows.activities.FinalizeRequest;
import org.vsekai.nebula.workflows.activities.PrepareRequest;
import org.vsekai.nebula.workflows.activities.UpdatePlan;

/**
 * Best of chunks and patches: a recompiled executable shares no whole chunk with its previous
 * build, so its patch is far cheaper; every way a patch can be wrong ends with the file assembled
 * from chunks, and the install byte-exact.
 */
@Tag("integration")
class PatchRouteTest {
  private static final Instant NEXT_MONTH = Instant.now().plus(Duration.ofDays(30));
  private static final String EXE = "v-sekai";
  @TempDir Path dir;
  private FakeReleaseService service;
  private ActivitiesTestBed bed;
  private Path v1;
  private Path v2;

  @BeforeEach
  void installV1AndPublishARecompiledV2() throws Exception {
    service = new FakeReleaseService(dir.resolve("service"));
    v1 = Builds.v1(dir.resolve("build-v1"));
    v2 = dir.resolve("build-v2");
    Builds.copy(v1, v2);
    Files.write(v2.resolve(EXE), recompiled(Files.readAllBytes(v1.resolve(EXE))));
    service.publish("0.1.0", "stable", v1, NEXT_MONTH);
    bed = new ActivitiesTestBed(dir, service, DiskSpace.REAL);
    bed.update("0.1.0");
    servedForV1 = service.chunkBytesServed();
    service.publish("0.2.0", "stable", v2, NEXT_MONTH);
  }

  private long servedForV1;

  /** Chunk bytes served for the update to 0.2.0. */
  private long chunkBytesServed() {
    return service.chunkBytesServed() - servedForV1;
  }

  @AfterEach
  void stop() {
    bed.close();
    service.close();
  }

  /** Every 4 KiB a few new bytes: every offset shifts, as a recompile shifts code. */
  static byte[] recompiled(byte[] old) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < old.length; i += 4096) {
      out.write(old, i, Math.min(4096, old.length - i));
      out.write(new byte[] {(byte) i, (byte) (i >> 8), 7}, 0, 3);
    }
    return out.toByteArray();
  }

  private String patchFromV1() throws Exception {
    return service.publishPatch("0.2.0", EXE, "0.1.0", v1, v2, b -> b);
  }

  private UpdatePlan prepare() {
    return bed.activities.prepare(
        new PrepareRequest(bed.installId, "v-sekai", "stable", "0.1.0", "0.2.0", false));
  }

  private void finish(UpdatePlan plan) {
    bed.activities.apply(new ApplyRequest(plan.planId()));
    bed.activities.finalizeUpdate(new FinalizeRequest(plan.planId(), "0.2.0"));
  }

  private StoredPlan stored(UpdatePlan plan) throws Exception {
    return PlanFiles.read(bed.folder, plan.planId());
  }

  private void assertInstalledV2AndNothingStray(UpdatePlan plan) throws Exception {
    assertThat(Builds.contents(bed.folder.current())).isEqualTo(Builds.contents(v2));
    assertThat(bed.folder.patches(plan.planId())).doesNotExist();
    try (Stream<Path> walk = Files.walk(bed.folder.root())) {
      assertThat(walk.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.endsWith(".part") || n.contains(".tmp-") || n.endsWith(".zst"));
    }
  }

  @Test
  void aRecompiledExecutableComesAsAPatchAtAFractionOfItsChunks() throws Exception {
    patchFromV1();
    UpdatePlan plan = prepare();
    assertThat(stored(plan).patches())
        .extracting(StoredPlan.PlannedPatch::path)
        .containsExactly(EXE);
    bed.activities.downloadChunks(new DownloadBatchRequest(plan.planId(), 0, 1, 0));
    finish(plan);
    assertInstalledV2AndNothingStray(plan);
    assertThat(chunkBytesServed()).isZero();
    assertThat(service.patchBytesServed())
        .isPositive()
        .isLessThan(Files.size(v2.resolve(EXE)) / 10);
  }

  @Test
  void aPatchNotMadeYetIsNotOffered() throws Exception {
    UpdatePlan plan = prepare();
    assertThat(stored(plan).patches()).isEmpty();
    assertThat(plan.bytesToDownload()).isGreaterThan(Files.size(v2.resolve(EXE)) / 2);
  }

  @Test
  void aPatchMadeFromAnotherSourceIsRefusedAndTheFileComesAsChunks() throws Exception {
    Path other = dir.resolve("build-other");
    Builds.copy(v1, other);
    byte[] exe = Files.readAllBytes(other.resolve(EXE));
    exe[100] ^= 1;
    Files.write(other.resolve(EXE), exe);
    service.publishPatch("0.2.0", EXE, "0.1.0", other, v2, b -> b);
    UpdatePlan plan = prepare();
    assertThat(stored(plan).patches()).isEmpty();
    bed.activities.downloadChunks(new DownloadBatchRequest(plan.planId(), 0, 1, 0));
    finish(plan);
    assertInstalledV2AndNothingStray(plan);
    assertThat(service.patchBytesServed()).isZero();
    assertThat(chunkBytesServed()).isPositive();
  }

  @Test
  void aPatchThatIsNotTheSignedBytesIsRefusedAndItsChunksFetched() throws Exception {
    patchFromV1();
    UpdatePlan plan = prepare();
    service.corruptPatchBytes(true);
    bed.activities.downloadChunks(new DownloadBatchRequest(plan.planId(), 0, 1, 0));
    assertThat(PatchDownloader.file(bed.folder, plan.planId(), stored(plan).patches().get(0)))
        .doesNotExist();
    finish(plan);
    assertInstalledV2AndNothingStray(plan);
    assertThat(chunkBytesServed()).isPositive();
  }

  @Test
  void aSignedPatchThatDoesNotDecodeIsRefusedAndItsChunksFetched() throws Exception {
    service.publishPatch(
        "0.2.0",
        EXE,
        "0.1.0",
        v1,
        v2,
        b -> {
          byte[] bad = b.clone();
          bad[bad.length / 2] ^= 0x40;
          return bad;
        });
    UpdatePlan plan = prepare();
    assertThat(stored(plan).patches()).hasSize(1);
    bed.activities.downloadChunks(new DownloadBatchRequest(plan.planId(), 0, 1, 0));
    finish(plan);
    assertInstalledV2AndNothingStray(plan);
    assertThat(chunkBytesServed()).isPositive();
  }

  @Test
  void aDownloadCutMidPatchResumesWhereItStopped() throws Exception {
    patchFromV1();
    UpdatePlan plan = prepare();
    long length = stored(plan).patches().get(0).length();
    service.cutNextPatchAfter(length / 2);
    DownloadBatchRequest batch = new DownloadBatchRequest(plan.planId(), 0, 1, 0);
    assertThatThrownBy(() -> bed.activities.downloadChunks(batch));
    bed.activities.downloadChunks(batch);
    assertThat(service.patchRanges())
        .containsExactly("bytes=0-" + (length - 1), "bytes=" + length / 2 + "-" + (length - 1));
    assertThat(service.patchBytesServed()).isEqualTo(length);
    finish(plan);
    assertInstalledV2AndNothingStray(plan);
    assertThat(chunkBytesServed()).isZero();
  }

  @Test
  void anApplyKilledMidPatchIsRunAgainWithNothingLeftOver() throws Exception {
    patchFromV1();
    UpdatePlan plan = prepare();
    bed.activities.downloadChunks(new DownloadBatchRequest(plan.planId(), 0, 1, 0));
    // What a kill -9 mid-apply leaves: the half-written result beside its staged path.
    Path staged = bed.folder.releaseDir(plan.planId()).resolve(EXE);
    Files.createDirectories(staged.getParent());
    Path half = AtomicFiles.temporarySibling(staged);
    Files.write(half, new byte[1000]);
    finish(plan);
    assertInstalledV2AndNothingStray(plan);
    assertThat(chunkBytesServed()).isZero();
  }

  @Test
  void checkStillReportsTheInstalledVersion() {
    assertThat(
            bed.activities
                .check(new CheckRequest(bed.installId, "v-sekai", "stable", null, null))
                .installedVersion())
        .isEqualTo("0.1.0");
  }
}
