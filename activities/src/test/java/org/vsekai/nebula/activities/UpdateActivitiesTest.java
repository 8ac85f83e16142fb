package org.vsekai.nebula.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.activities.testing.Builds;
import org.vsekai.nebula.activities.testing.FakeReleaseService;
import org.vsekai.nebula.api.manifest.Ed25519Keys;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.manifest.ReleaseManifest;
import org.vsekai.nebula.api.manifest.SignedManifest;
import org.vsekai.nebula.api.tuf.Metadata;
import org.vsekai.nebula.api.tuf.MetadataBuilder;
import org.vsekai.nebula.api.tuf.TufSigner;
import org.vsekai.nebula.desync.ChunkId;
import org.vsekai.nebula.workflows.UpdateFailures;
import org.vsekai.nebula.workflows.activities.CheckRequest;
import org.vsekai.nebula.workflows.activities.CheckResult;
import org.vsekai.nebula.workflows.activities.DiscardStagingRequest;
import org.vsekai.nebula.workflows.activities.DownloadBatchRequest;
import org.vsekai.nebula.workflows.activities.PrepareRequest;
import org.vsekai.nebula.workflows.activities.UpdatePlan;

@Tag("integration")
class UpdateActivitiesTest {
  private static final Instant NEXT_MONTH = Instant.now().plus(Duration.ofDays(30));
  @TempDir Path dir;
  private FakeReleaseService service;
  private ActivitiesTestBed bed;
  private Path v1;
  private Path v2;

  @BeforeEach
  void publish() throws Exception {
    service = new FakeReleaseService(dir.resolve("service"));
    v1 = Builds.v1(dir.resolve("build-v1"));
    v2 = Builds.v2(v1, dir.resolve("build-v2"));
    service.publish("0.1.0", "stable", v1, NEXT_MONTH);
    bed = new ActivitiesTestBed(dir, service, DiskSpace.REAL);
  }

  @AfterEach
  void stop() {
    bed.close();
    service.close();
  }

  private Path current() {
    return bed.folder.current();
  }

  @Test
  void installsIntoAnEmptyFolderAndRecordsTheRegistry() throws Exception {
    CheckResult check =
        bed.activities.check(new CheckRequest(bed.installId, "v-sekai", "stable", null, null));
    assertThat(check).isEqualTo(new CheckResult(null, "0.1.0"));
    UpdatePlan plan = bed.update("0.1.0");
    assertThat(plan.filesChanged()).isEqualTo(5);
    assertThat(Builds.contents(current())).isEqualTo(Builds.contents(v1));
    assertThat(Files.isExecutable(current().resolve("v-sekai"))).isTrue();
    assertThat(Files.readSymbolicLink(current())).isEqualTo(Path.of("versions", plan.planId()));
    String registry = Files.readString(bed.registryDir.resolve(bed.installId + ".json"));
    assertThat(registry)
        .contains("\"Version\" : \"0.1.0\"")
        .contains(current().resolve("v-sekai").toString());
    assertThat(bed.folder.cache()).doesNotExist();
    assertThat(
            bed.activities
                .check(new CheckRequest(bed.installId, "v-sekai", "stable", null, null))
                .installedVersion())
        .isEqualTo("0.1.0");
  }

  @Test
  void updatesDownloadingOnlyChangedChunksAndKeepsUnchangedFilesAsTheyAre() throws Exception {
    bed.update("0.1.0");
    Object inodeBefore = Files.getAttribute(current().resolve("data/avatars.pck"), "unix:ino");
    service.publish("0.2.0", "stable", v2, NEXT_MONTH);
    long servedBefore = service.chunkBytesServed();
    UpdatePlan plan = bed.update("0.2.0");
    assertThat(Builds.contents(current())).isEqualTo(Builds.contents(v2));
    assertThat(plan.filesChanged()).isEqualTo(2); // world.pck changed, new-map.pck added
    assertThat(plan.filesRemoved()).isEqualTo(1);
    assertThat(plan.filesUnchanged()).isEqualTo(3);
    // a few changed chunks and the new file, far less than the 2 MB build
    assertThat(plan.bytesToDownload()).isLessThan(300_000);
    assertThat(service.chunkBytesServed() - servedBefore)
        .isLessThanOrEqualTo(plan.bytesToDownload() + 10_000);
    assertThat(Files.getAttribute(current().resolve("data/avatars.pck"), "unix:ino"))
        .isEqualTo(inodeBefore);
    try (var versions = Files.list(bed.folder.versions())) {
      assertThat(versions).hasSize(1); // the old release is gone
    }
  }

  @Test
  void plansWithoutReadingUnchangedFilesAndRehashesOnlyOnesThatChangedOnDisk() throws Exception {
    bed.update("0.1.0");
    service.publish("0.2.0", "stable", v2, NEXT_MONTH);
    UpdatePlanner planner =
        new UpdatePlanner(bed.folder, service.client(), Clock.systemUTC(), DiskSpace.REAL);
    StoredPlan clean =
        planner.prepare(
            new UpdatePlanner.Request(bed.installId, "v-sekai", "stable", "0.2.0", false));
    assertThat(clean.bytesRehashed()).isZero();
    // The player's disk flipped bytes in a file that did not change between versions.
    Path avatars = current().resolve("data/avatars.pck");
    byte[] b = Files.readAllBytes(avatars);
    b[1000] ^= 1;
    Files.write(avatars, b);
    UpdatePlanner again =
        new UpdatePlanner(bed.folder, service.client(), Clock.systemUTC(), DiskSpace.REAL);
    StoredPlan repaired =
        again.prepare(
            new UpdatePlanner.Request(bed.installId, "v-sekai", "stable", "0.2.0", false));
    assertThat(repaired.bytesRehashed()).isEqualTo(b.length);
    assertThat(repaired.changed()).extracting(ManifestFile::path).contains("data/avatars.pck");
    assertThat(repaired.bytesToDownload() - clean.bytesToDownload()).isBetween(1L, 65536L);
  }

  @Test
  void aRetriedDownloadResumesFromTheCache() throws Exception {
    service.publish("0.2.0", "stable", v2, NEXT_MONTH);
    UpdatePlan plan =
        bed.activities.prepare(
            new PrepareRequest(bed.installId, "v-sekai", "stable", null, "0.2.0", false));
    bed.activities.downloadChunks(new DownloadBatchRequest(plan.planId(), 0, 2, 0));
    long afterFirst = service.chunkBytesServed();
    // the attempt that dies after batch 0 is retried from the start: batch 0 costs nothing now
    bed.activities.downloadChunks(new DownloadBatchRequest(plan.planId(), 0, 2, 0));
    assertThat(service.chunkBytesServed()).isEqualTo(afterFirst);
    bed.activities.downloadChunks(new DownloadBatchRequest(plan.planId(), 1, 2, 0));
    assertThat(service.chunkBytesServed()).isGreaterThan(afterFirst);
  }

  @Test
  void refusesBadManifestsAndLeavesTheInstallUntouched() throws Exception {
    bed.update("0.1.0");
    Map<String, String> installed = Builds.contents(current());
    service.publish("0.2.0", "stable", v2, NEXT_MONTH);
    SignedManifest signed = service.manifest("0.2.0");

    // The manifest's bytes changed after the targets metadata was signed.
    String json =
        new String(signed.payloadBytes()).replace("\"mode\":\"stable\"", "\"mode\":\"stablE\"");
    service.serve(
        "0.2.0",
        new SignedManifest(
            signed.payloadType(),
            Base64.getEncoder().encodeToString(json.getBytes()),
            signed.signatures()));
    assertRefused("0.2.0", UpdateFailures.HASH_MISMATCH, "does not match", installed);
    service.serve("0.2.0", signed);

    service.publish("0.0.9", "stable", v2, NEXT_MONTH);
    assertRefused("0.0.9", UpdateFailures.DOWNGRADE, "older than the installed 0.1.0", installed);

    service.publish(
        "0.4.0",
        "stable",
        v2,
        NEXT_MONTH,
        m ->
            withFiles(
                m, List.of(new ManifestFile("../x", 3, "0644", m.files().get(0).indexSha256()))));
    assertRefused("0.4.0", UpdateFailures.UNSAFE_PATH, "'../x' is unsafe", installed);

    // Signed, but for beta testers: a stable install does not take it.
    service.publish("0.5.0", "beta", v2, NEXT_MONTH);
    assertRefused("0.5.0", UpdateFailures.WRONG_TARGET, "not signed for mode stable", installed);

    assertRefused("0.6.0", UpdateFailures.UNKNOWN_RELEASE, "list no v-sekai 0.6.0", installed);
  }

  @Test
  void refusesFrozenRolledBackAndForgedMetadataAndLeavesTheInstallUntouched() throws Exception {
    bed.update("0.1.0");
    Map<String, String> installed = Builds.contents(current());
    byte[] oldTimestamp = service.tuf().file("timestamp.json");
    service.publish("0.2.0", "stable", v2, NEXT_MONTH);
    byte[] goodTimestamp = service.tuf().file("timestamp.json");

    // A freeze: the service keeps answering with a timestamp that has expired.
    service.tuf().serveExpiredTimestamp();
    assertRefused("0.2.0", UpdateFailures.EXPIRED_METADATA, "expired", installed);

    // A rollback: once the install has checked against the current timestamp, the one it had
    // before is older than what it trusts.
    service.tuf().serveInstead("timestamp.json", goodTimestamp);
    assertThat(
            bed.activities.check(new CheckRequest(bed.installId, "v-sekai", "stable", null, null)))
        .isEqualTo(new CheckResult("0.1.0", "0.2.0"));
    service.tuf().serveInstead("timestamp.json", oldTimestamp);
    assertRefused("0.2.0", UpdateFailures.METADATA_ROLLBACK, "older than trusted", installed);

    // Forged: a timestamp signed by a key the root does not name.
    TufSigner forger = new TufSigner(Ed25519Keys.generate());
    Metadata real = Metadata.parse(goodTimestamp, "timestamp");
    ObjectNode forged = (ObjectNode) real.signed();
    forged.put("version", real.version() + 100);
    service.tuf().serveInstead("timestamp.json", MetadataBuilder.sign(forged, List.of(forger)));
    assertRefused("0.2.0", UpdateFailures.UNTRUSTED_METADATA, "valid signature", installed);
  }

  @Test
  void aCorruptChunkFailsTheDownloadByNameAndLeavesTheInstallUntouched() throws Exception {
    bed.update("0.1.0");
    Map<String, String> installed = Builds.contents(current());
    service.publish("0.2.0", "stable", v2, NEXT_MONTH);
    UpdatePlan plan =
        bed.activities.prepare(
            new PrepareRequest(bed.installId, "v-sekai", "stable", "0.1.0", "0.2.0", false));
    StoredPlan stored = PlanFiles.read(bed.folder, plan.planId());
    service.corruptChunk(ChunkId.fromHex(stored.downloads().get(0)));
    assertThatThrownBy(
            () -> bed.activities.downloadChunks(new DownloadBatchRequest(plan.planId(), 0, 1, 0)))
        .isInstanceOf(ActivityFailure.class)
        .satisfies(
            e -> {
              ApplicationFailure f = (ApplicationFailure) e.getCause();
              assertThat(f.getType()).isEqualTo(UpdateFailures.CORRUPT_CHUNK);
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getOriginalMessage())
                  .contains("chunk " + stored.downloads().get(0))
                  .contains("3 fetches");
            });
    bed.activities.discardStaging(new DiscardStagingRequest(bed.installId, plan.planId()));
    assertThat(Builds.contents(current())).isEqualTo(installed);
  }

  @Test
  void aFullDiskIsReportedBeforeAnythingIsWritten() throws Exception {
    service.publish("0.2.0", "stable", v2, NEXT_MONTH);
    try (ActivitiesTestBed full =
        new ActivitiesTestBed(dir.resolve("full"), service, path -> 1 << 20)) {
      assertThatThrownBy(
              () ->
                  full.activities.prepare(
                      new PrepareRequest(
                          full.installId, "v-sekai", "stable", null, "0.2.0", false)))
          .isInstanceOf(ActivityFailure.class)
          .satisfies(
              e -> {
                ApplicationFailure f = (ApplicationFailure) e.getCause();
                assertThat(f.getType()).isEqualTo(UpdateFailures.INSUFFICIENT_DISK_SPACE);
                assertThat(f.getOriginalMessage()).contains("needs").contains("MiB free");
              });
      assertThat(full.folder.versions()).doesNotExist();
      assertThat(full.folder.plans())
          .satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
    }
  }

  @Test
  void aReleaseWithoutAnExecutableRegistersTheFolder() throws Exception {
    service.publish(
        "0.2.0",
        "stable",
        v2,
        NEXT_MONTH,
        m ->
            new ReleaseManifest(
                m.schemaVersion(),
                m.product(),
                m.version(),
                m.mode(),
                m.created(),
                m.expires(),
                m.chunking(),
                null,
                m.files()));
    bed.update("0.2.0");
    assertThat(Files.readString(bed.registryDir.resolve(bed.installId + ".json")))
        .contains("\"Executable\" : \"" + current() + "\"");
  }

  @Test
  void withoutSymbolicLinksAPointerFileSwitchesTheRelease() throws Exception {
    // Windows without developer mode: no symlinks, the pointer is current.release.
    System.setProperty("nebula.noSymlinks", "true");
    try {
      bed.update("0.1.0");
      service.publish("0.2.0", "stable", v2, NEXT_MONTH);
      UpdatePlan plan = bed.update("0.2.0");
      Path pointer = bed.folder.root().resolve("current.release");
      assertThat(Files.readString(pointer).trim()).isEqualTo(plan.planId());
      assertThat(current()).doesNotExist();
      assertThat(Builds.contents(bed.folder.releaseDir(plan.planId())))
          .isEqualTo(Builds.contents(v2));
      assertThat(Files.readString(bed.registryDir.resolve(bed.installId + ".json")))
          .contains(bed.folder.releaseDir(plan.planId()).resolve("v-sekai").toString());
      try (var versions = Files.list(bed.folder.versions())) {
        assertThat(versions).hasSize(1);
      }
    } finally {
      System.clearProperty("nebula.noSymlinks");
    }
  }

  @Test
  void aFolderThatIsNotAnInstallIsRefused() {
    bed.folder.installStateFile().toFile().delete();
    assertThatThrownBy(
            () ->
                bed.activities.check(
                    new CheckRequest(bed.installId, "v-sekai", "stable", null, null)))
        .isInstanceOf(ActivityFailure.class)
        .satisfies(
            e ->
                assertThat(((ApplicationFailure) e.getCause()).getType())
                    .isEqualTo(UpdateFailures.INVALID_INSTALL))
        .satisfies(
            e ->
                assertThat(((ApplicationFailure) e.getCause()).getOriginalMessage())
                    .contains("is not a Nebula install"));
  }

  private void assertRefused(
      String version, String type, String message, Map<String, String> installed) throws Exception {
    assertThatThrownBy(
            () ->
                bed.activities.prepare(
                    new PrepareRequest(
                        bed.installId, "v-sekai", "stable", "0.1.0", version, false)))
        .isInstanceOf(ActivityFailure.class)
        .satisfies(
            e -> {
              ApplicationFailure f = (ApplicationFailure) e.getCause();
              assertThat(f.getType()).isEqualTo(type);
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getOriginalMessage()).contains(message);
            });
    assertThat(Builds.contents(current())).isEqualTo(installed);
    try (var plans = Files.list(bed.folder.plans())) {
      assertThat(plans).isEmpty();
    } catch (NoSuchFileException e) {
      // no plan was ever written
    }
  }

  private static ReleaseManifest withFiles(ReleaseManifest m, List<ManifestFile> files) {
    return new ReleaseManifest(
        m.schemaVersion(),
        m.product(),
        m.version(),
        m.mode(),
        m.created(),
        m.expires(),
        m.chunking(),
        m.executablePath(),
        files);
  }
}
