package org.vsekai.nebula.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vsekai.nebula.workflows.activities.UpdatePlan;

class DownloadBatchingTest {

  private static final long TARGET = DownloadBatching.TARGET_BATCH_BYTES;

  private static int batches(long chunks, long bytes) {
    return DownloadBatching.batchCount(new UpdatePlan("p", "1.0.0", 1, 0, 0, chunks, bytes, bytes));
  }

  @Test
  void nothingMissingNeedsNoBatch() {
    assertThat(batches(0, 0)).isZero();
  }

  @Test
  void aSmallDownloadIsOneBatch() {
    assertThat(batches(3, 200_000)).isEqualTo(1);
    assertThat(batches(1_000, TARGET)).isEqualTo(1);
  }

  @Test
  void batchesAreAboutTheTargetSize() {
    assertThat(batches(1_000, TARGET + 1)).isEqualTo(2);
    assertThat(batches(10_000, 10 * TARGET)).isEqualTo(10);
  }

  @Test
  void thereAreNeverMoreBatchesThanTheCap() {
    assertThat(batches(10_000_000, 1_000 * TARGET)).isEqualTo(DownloadBatching.MAX_BATCHES);
  }

  @Test
  void thereAreNeverMoreBatchesThanChunks() {
    assertThat(batches(2, 10 * TARGET)).isEqualTo(2);
  }
}
