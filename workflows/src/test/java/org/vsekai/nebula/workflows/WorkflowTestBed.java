package org.vsekai.nebula.workflows;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowTargetOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.mockito.ArgumentCaptor;
import org.mockito.stubbing.Answer;
import org.vsekai.nebula.workflows.activities.ApplyResult;
import org.vsekai.nebula.workflows.activities.CheckResult;
import org.vsekai.nebula.workflows.activities.DiscardStagingResult;
import org.vsekai.nebula.workflows.activities.DownloadBatchRequest;
import org.vsekai.nebula.workflows.activities.DownloadBatchResult;
import org.vsekai.nebula.workflows.activities.DownloadHeartbeat;
import org.vsekai.nebula.workflows.activities.FinalizeResult;
import org.vsekai.nebula.workflows.activities.RecordActivities;
import org.vsekai.nebula.workflows.activities.RecordReceipt;
import org.vsekai.nebula.workflows.activities.RegistryResult;
import org.vsekai.nebula.workflows.activities.UpdateActivities;
import org.vsekai.nebula.workflows.activities.UpdatePlan;
import org.vsekai.nebula.workflows.activities.UpdateRecord;
import org.vsekai.nebula.workflows.client.UpdateHandle;
import org.vsekai.nebula.workflows.client.UpdateStarter;

/**
 * Temporal's in-memory test server with the service's worker (both workflows, mocked record
 * activity) and the install's worker (mocked update activities only), registered search attributes,
 * and mocks answering a happy update of {@value #FROM} to {@value #TO} in three batches. Tests
 * override single answers with {@code when(...)}.
 */
final class WorkflowTestBed implements AutoCloseable {

  static final String INSTALL_ID = "0f8e2c1a";
  static final String PRODUCT = "v-sekai";
  static final String MODE = "stable";
  static final String FROM = "0.1.0";
  static final String TO = "0.2.0";
  static final String PLAN_ID = "plan-7";
  static final String PROCESS_ID = "6f1c0d2e-0000-4000-8000-000000000001";
  static final long BATCH_BYTES = DownloadBatching.TARGET_BATCH_BYTES;
  static final long CHUNKS_PER_BATCH = 100;

  /** Three full batches of the target size. */
  static final UpdatePlan PLAN =
      new UpdatePlan(PLAN_ID, TO, 3, 40, 1, 3 * CHUNKS_PER_BATCH, 3 * BATCH_BYTES, 5 * BATCH_BYTES);

  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  final UpdateActivities activities =
      mock(UpdateActivities.class, withSettings().withoutAnnotations());
  final RecordActivities recorder =
      mock(RecordActivities.class, withSettings().withoutAnnotations());

  WorkflowTestBed() {
    env = TestWorkflowEnvironment.newInstance();
    for (SearchAttributeKey<String> key : NebulaSearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), key.getValueType());
    }
    // Heartbeats reach the test server at once, so a pause or cancel reaches a mock promptly;
    // a cold JVM on a shared machine may take more than the default 1 s for a first task.
    WorkerOptions workerOptions =
        WorkerOptions.newBuilder()
            .setMaxHeartbeatThrottleInterval(Duration.ofMillis(10))
            .setDefaultHeartbeatThrottleInterval(Duration.ofMillis(10))
            .setDefaultDeadlockDetectionTimeout(10_000)
            .build();
    // The service's worker runs the workflows and records; the install's runs only its steps.
    Worker service = env.newWorker(TaskQueues.SERVICE, workerOptions);
    // A bug such as a mock left returning null fails the test instead of retrying a task forever.
    service.registerWorkflowImplementationTypes(
        WorkflowImplementationOptions.newBuilder()
            .setFailWorkflowExceptionTypes(NullPointerException.class)
            .build(),
        UpdateWorkflowImpl.class,
        LauncherWorkflowImpl.class);
    service.registerActivitiesImplementations(recorder);
    env.newWorker(TaskQueues.forInstall(INSTALL_ID), workerOptions)
        .registerActivitiesImplementations(activities);
    client = env.getWorkflowClient();
    answerHappyUpdate();
    env.start();
  }

  private void answerHappyUpdate() {
    when(activities.check(any())).thenReturn(new CheckResult(FROM, TO));
    when(activities.prepare(any())).thenReturn(PLAN);
    when(activities.downloadChunks(any()))
        .thenAnswer(invocation -> fullBatch(invocation.getArgument(0)));
    when(activities.apply(any())).thenReturn(new ApplyResult(3, 5 * BATCH_BYTES));
    when(activities.finalizeUpdate(any())).thenReturn(new FinalizeResult(3, 1));
    when(activities.updateRegistry(any())).thenReturn(new RegistryResult(4));
    when(activities.discardStaging(any())).thenReturn(new DiscardStagingResult(5 * BATCH_BYTES));
    when(recorder.record(any())).thenReturn(new RecordReceipt(PROCESS_ID));
  }

  /** A batch whose chunks were all fetched: CHUNKS_PER_BATCH chunks of BATCH_BYTES in all. */
  static DownloadBatchResult fullBatch(DownloadBatchRequest request) {
    return new DownloadBatchResult(
        request.batchIndex(), CHUNKS_PER_BATCH, CHUNKS_PER_BATCH, BATCH_BYTES, BATCH_BYTES);
  }

  static UpdateRequest request() {
    return UpdateRequest.latest(INSTALL_ID, PRODUCT, MODE, UpdateTrigger.MANUAL);
  }

  UpdateStarter starter() {
    return new UpdateStarter(client);
  }

  UpdateHandle start() {
    return starter().startOrAttach(request());
  }

  /**
   * What the workflow recorded with the service, in order: an update records twice, when it finds
   * what to do and when it ends; fails the test on any other count.
   */
  List<UpdateRecord> records() {
    ArgumentCaptor<UpdateRecord> records = ArgumentCaptor.forClass(UpdateRecord.class);
    verify(recorder, times(2)).record(records.capture());
    return records.getAllValues();
  }

  /** The last of {@link #records()}: how the update ended. */
  UpdateRecord lastRecord() {
    return records().get(1);
  }

  /** The search attributes of a run, as the Temporal UI would list them. */
  String searchAttribute(UpdateHandle update, SearchAttributeKey<String> key) {
    return untyped(update).describe().getTypedSearchAttributes().get(key);
  }

  /** An untyped stub of exactly the run {@code update} follows. */
  WorkflowStub untyped(UpdateHandle update) {
    return client.newUntypedWorkflowStub(
        WorkflowTargetOptions.newBuilder()
            .setWorkflowId(update.workflowId())
            .setRunId(update.runId())
            .build());
  }

  List<HistoryEvent> history(String workflowId, String runId) {
    return client.fetchHistory(workflowId, runId).getEvents();
  }

  /**
   * An answer that reports it has started, then heartbeats a download's progress (up to half the
   * batch) until the workflow cancels it: the heartbeat throws, {@code cancelled} opens, and the
   * cancellation propagates as Temporal expects of an activity.
   */
  static Answer<DownloadBatchResult> downloadUntilCancelled(
      CountDownLatch started, CountDownLatch cancelled) {
    return invocation -> {
      DownloadBatchRequest request = invocation.getArgument(0);
      ActivityExecutionContext context = Activity.getExecutionContext();
      started.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      long bytes = 0;
      try {
        while (System.nanoTime() < deadline) {
          bytes = Math.min(bytes + 1024 * 1024, BATCH_BYTES / 2);
          context.heartbeat(
              new DownloadHeartbeat(
                  request.batchIndex(), 10, CHUNKS_PER_BATCH, bytes, BATCH_BYTES, bytes));
          Thread.sleep(5);
        }
      } catch (ActivityCompletionException stopped) {
        cancelled.countDown();
        throw stopped;
      }
      throw new IllegalStateException("the workflow never cancelled the batch");
    };
  }

  /**
   * An answer that reports it has started, heartbeats until {@code release} opens, then gives
   * {@code result}'s answer: an activity that is busy for as long as a test needs.
   */
  static <T> Answer<T> busyUntil(CountDownLatch started, CountDownLatch release, Answer<T> result) {
    return invocation -> {
      ActivityExecutionContext context = Activity.getExecutionContext();
      started.countDown();
      while (!release.await(5, TimeUnit.MILLISECONDS)) {
        context.heartbeat(null);
      }
      return result.answer(invocation);
    };
  }

  /** Waits (in real time) for a mock to reach a point; fails the test after 30 s. */
  static void await(CountDownLatch latch) throws InterruptedException {
    if (!latch.await(30, TimeUnit.SECONDS)) {
      throw new AssertionError("timed out waiting for an activity");
    }
  }

  @Override
  public void close() {
    env.close();
  }
}
