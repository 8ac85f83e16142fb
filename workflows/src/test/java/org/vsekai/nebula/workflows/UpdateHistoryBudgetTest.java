package org.vsekai.nebula.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.vsekai.nebula.workflows.WorkflowTestBed.PLAN_ID;
import static org.vsekai.nebula.workflows.WorkflowTestBed.TO;

import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vsekai.nebula.workflows.activities.DownloadBatchRequest;
import org.vsekai.nebula.workflows.activities.DownloadBatchResult;
import org.vsekai.nebula.workflows.activities.UpdatePlan;
import org.vsekai.nebula.workflows.client.UpdateHandle;

/** Issue 4: "An update of 10,000 chunks produces fewer than 200 history events." */
@Timeout(60)
@Tag("integration")
class UpdateHistoryBudgetTest {

  private static final int CHUNKS = 10_000;
  private static final long MIB = 1024 * 1024;

  private WorkflowTestBed bed;

  @BeforeEach
  void setUp() {
    bed = new WorkflowTestBed();
  }

  @AfterEach
  void tearDown() {
    bed.close();
  }

  @Test
  void anUpdateOf10000ChunksStaysUnder200Events() {
    // Large chunks, so the download hits the batch cap: the most events any plan can cost.
    long bytes = CHUNKS * MIB;
    when(bed.activities.prepare(any()))
        .thenReturn(new UpdatePlan(PLAN_ID, TO, 1_200, 8_000, 40, CHUNKS, bytes, 2 * bytes));
    doAnswer(
            invocation -> {
              DownloadBatchRequest batch = invocation.getArgument(0);
              long chunks = CHUNKS / batch.batchCount();
              return new DownloadBatchResult(
                  batch.batchIndex(), chunks, chunks, chunks * MIB, chunks * MIB);
            })
        .when(bed.activities)
        .downloadChunks(any());
    UpdateHandle update = bed.start();

    UpdateResult result = update.result();

    List<HistoryEvent> events = bed.history(update.workflowId(), update.runId());
    assertThat(result.outcome()).isEqualTo(UpdateOutcome.UPDATED);
    assertThat(result.chunksDownloaded()).isEqualTo(CHUNKS);
    verify(bed.activities, times(DownloadBatching.MAX_BATCHES)).downloadChunks(any());
    assertThat(events).hasSizeLessThan(200);
  }

  @Test
  void anUpdateOf10000TypicalChunksStaysUnder200EventsToo() {
    // desync's default chunks average 64 KiB: 10,000 of them are 625 MiB, ten batches.
    long bytes = CHUNKS * 64 * 1024L;
    when(bed.activities.prepare(any()))
        .thenReturn(new UpdatePlan(PLAN_ID, TO, 300, 8_000, 0, CHUNKS, bytes, bytes));
    UpdateHandle update = bed.start();

    update.result();

    verify(bed.activities, times(10)).downloadChunks(any());
    assertThat(bed.history(update.workflowId(), update.runId())).hasSizeLessThan(200);
  }
}
