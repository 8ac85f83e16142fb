package org.vsekai.nebula.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vsekai.nebula.activities.testing.Builds;
import org.vsekai.nebula.activities.testing.FakeReleaseService;
import org.vsekai.nebula.desync.ChunkId;
import org.vsekai.nebula.workflows.UpdateFailures;
import org.vsekai.nebula.workflows.activities.DownloadBatchRequest;
import org.vsekai.nebula.workflows.activities.DownloadBatchResult;
import org.vsekai.nebula.workflows.activities.PrepareRequest;
import org.vsekai.nebula.workflows.activities.UpdatePlan;

/**
 * Failures that retrying cannot cure end the step at once, by name, with the install untouched: a
 * release withdrawn and pruned while it downloads, a store that refuses the install, a folder that
 * cannot be written. Failures that can pass (a store down for now) stay retryable.
 */
@Tag("integration")
class StepsThatCannotSucceedTest {
  private static final Instant LATER = Instant.now().plus(Duration.ofDays(1));

  @TempDir Path dir;
  private FakeReleaseService service;
  private ActivitiesTestBed bed;
  private Map<String, String> installed;
  private UpdatePlan plan;

  @BeforeEach
  void prepareV2() throws Exception {
    service = new FakeReleaseService(dir.resolve("service"));
    Path v1 = Builds.v1(dir.resolve("build-v1"));
    service.publish("0.1.0", "stable", v1, LATER);
    bed = new ActivitiesTestBed(dir, service, DiskSpace.REAL);
    bed.update("0.1.0");
    installed = Builds.contents(bed.folder.current());
    service.publish("0.2.0", "stable", Builds.v2(v1, dir.resolve("build-v2")), LATER);
    plan =
        bed.activities.prepare(
            new PrepareRequest(bed.installId, "v-sekai", "stable", "0.1.0", "0.2.0", false));
  }

  @AfterEach
  void stop() {
    ReadOnlyFolders.undoAll();
    bed.close();
    service.close();
  }

  private ApplicationFailure downloadFails() {
    Throwable thrown =
        Assertions.catchThrowable(
            () -> bed.activities.downloadChunks(new DownloadBatchRequest(plan.planId(), 0, 1, 0)));
    assertThat(thrown).isInstanceOf(ActivityFailure.class);
    return (ApplicationFailure) thrown.getCause();
  }

  @Test
  void aReleasePrunedWhileItDownloadsFailsByName() throws Exception {
    for (String id : PlanFiles.read(bed.folder, plan.planId()).downloads()) {
      service.store().remove(ChunkId.fromHex(id));
    }

    ApplicationFailure f = downloadFails();

    assertThat(f.getType()).isEqualTo(UpdateFailures.MISSING_RELEASE_DATA);
    assertThat(f.isNonRetryable()).isTrue();
    assertThat(f.getOriginalMessage()).contains("is missing from").contains("withdrawn");
    assertThat(Builds.contents(bed.folder.current())).isEqualTo(installed);
  }

  @ParameterizedTest
  @CsvSource({
    "401, AccessRefused",
    "403, AccessRefused",
    "410, MissingReleaseData",
  })
  void aStoreThatRefusesForGoodFailsByName(int status, String type) {
    service.refuseChunks(status);

    ApplicationFailure f = downloadFails();

    assertThat(f.getType()).isEqualTo(type);
    assertThat(f.isNonRetryable()).isTrue();
    assertThat(f.getOriginalMessage()).contains("HTTP " + status);
  }

  @Test
  void aStoreThatIsDownForNowStaysRetryable() {
    service.refuseChunks(503);

    ApplicationFailure f = downloadFails();

    assertThat(f.isNonRetryable()).isFalse();
    assertThat(UpdateFailures.NON_RETRYABLE).doesNotContain(f.getType());
  }

  @Test
  void aFolderThatCannotBeWrittenFailsByName() throws Exception {
    ReadOnlyFolders.make(bed.folder.cache());

    ApplicationFailure f = downloadFails();

    assertThat(f.getType()).isEqualTo(UpdateFailures.FOLDER_NOT_WRITABLE);
    assertThat(f.isNonRetryable()).isTrue();
    assertThat(f.getOriginalMessage()).contains("cannot write to").contains("make the folder");
    assertThat(Builds.contents(bed.folder.current())).isEqualTo(installed);
  }

  @Test
  void theBytesOfAFailedAttemptAreCountedByTheNext() throws Exception {
    long before = service.chunkBytesServed(); // what installing 0.1.0 fetched
    String first = PlanFiles.read(bed.folder, plan.planId()).downloads().get(0);
    service.corruptChunk(ChunkId.fromHex(first));
    downloadFails();
    long servedToTheFailedAttempt = service.chunkBytesServed() - before;
    assertThat(servedToTheFailedAttempt).isPositive();
    service.corruptChunk(null);

    DownloadBatchResult done =
        bed.activities.downloadChunks(new DownloadBatchRequest(plan.planId(), 0, 1, 0));

    long served = service.chunkBytesServed() - before;
    assertThat(served).isGreaterThan(servedToTheFailedAttempt);
    assertThat(done.bytesFetched()).isEqualTo(served);
  }
}
