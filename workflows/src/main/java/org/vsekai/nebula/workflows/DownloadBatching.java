package org.vsekai.nebula.workflows;

import org.vsekai.nebula.workflows.activities.UpdatePlan;

/**
 * How many batches a plan's download is split into. Each batch is one activity and costs six
 * history events (scheduled, started, completed, and the workflow task that handles it), so the
 * count is capped: with {@link #MAX_BATCHES} batches an update stays well under 200 events however
 * many chunks it fetches. Within the cap, batches of about {@link #TARGET_BATCH_BYTES} make each
 * one a unit a crash or a pause costs at most, and give the query a step of progress every minute
 * or so on a typical link.
 */
public final class DownloadBatching {

  /** Upper bound of batches per update; 16 × 6 events leaves room for every other step. */
  public static final int MAX_BATCHES = 16;

  /** Preferred size of one batch: about a minute at 1 MB/s. */
  public static final long TARGET_BATCH_BYTES = 64L * 1024 * 1024;

  private DownloadBatching() {}

  /** The number of batches for {@code plan}: 0 when nothing is missing, else 1 to MAX_BATCHES. */
  public static int batchCount(UpdatePlan plan) {
    if (plan.chunksToDownload() <= 0) {
      return 0;
    }
    long byBytes = Math.max(1, ceilDiv(plan.bytesToDownload(), TARGET_BATCH_BYTES));
    long capped = Math.min(Math.min(byBytes, MAX_BATCHES), plan.chunksToDownload());
    return (int) capped;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
