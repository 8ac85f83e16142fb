package org.vsekai.nebula.workflows.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.workflows.NebulaSearchAttributes;
import org.vsekai.nebula.workflows.TaskQueues;

/**
 * Every path of the rollout on Temporal's test server, with the service's side in memory: all waves
 * succeed; a wave's failures pass the threshold and the rollout halts with the later waves
 * untouched; a deadline ends a wave that waits for offline installs; pause and resume between waves
 * and in the middle of a trigger; abort; continue-as-new; a malformed request.
 */
@Tag("integration")
class RolloutWorkflowTest {
  private static final String ROLLOUT_ID = "7d3c0c5e-0000-4000-8000-000000000001";
  private static final IntFunction<Long> TEN_PER_WAVE = wave -> 10L;

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private FakeRolloutService service;

  private void start(FakeRolloutService fake) {
    service = fake;
    env = TestWorkflowEnvironment.newInstance();
    for (SearchAttributeKey<String> key : NebulaSearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), key.getValueType());
    }
    Worker worker =
        env.newWorker(
            TaskQueues.SERVICE,
            WorkerOptions.newBuilder()
                .setMaxHeartbeatThrottleInterval(Duration.ofMillis(10))
                .setDefaultHeartbeatThrottleInterval(Duration.ofMillis(10))
                .setDefaultDeadlockDetectionTimeout(10_000)
                .build());
    worker.registerWorkflowImplementationTypes(RolloutWorkflowImpl.class);
    worker.registerActivitiesImplementations(fake);
    client = env.getWorkflowClient();
    env.start();
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  private static RolloutRequest request(List<Integer> waves, Duration deadline) {
    return new RolloutRequest(
        ROLLOUT_ID, "v-sekai", "0.2.0", "stable", waves, 0.2, deadline, Duration.ofMinutes(1));
  }

  private RolloutWorkflow stub() {
    return client.newWorkflowStub(
        RolloutWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(RolloutIds.workflowId(ROLLOUT_ID))
            .setTaskQueue(TaskQueues.SERVICE)
            .build());
  }

  private RolloutWorkflow running() {
    return client.newWorkflowStub(RolloutWorkflow.class, RolloutIds.workflowId(ROLLOUT_ID));
  }

  private RolloutResult result() {
    return WorkflowStub.fromTyped(running()).getResult(RolloutResult.class);
  }

  @Test
  void everyWaveSucceedsAndTheRolloutCompletes() {
    start(new FakeRolloutService(TEN_PER_WAVE, FakeRolloutService::allSucceeded));
    RolloutResult result =
        stub().run(RolloutInput.start(RolloutRequest.of(ROLLOUT_ID, "v-sekai", "0.2.0", "stable")));

    assertThat(result.state()).isEqualTo(RolloutState.COMPLETED);
    assertThat(result.waves()).extracting(WaveProgress::percent).containsExactly(1, 10, 50, 100);
    assertThat(result.waves()).extracting(WaveProgress::state).containsOnly(WaveState.SUCCEEDED);
    assertThat(service.triggers).extracting(WaveTrigger::percent).containsExactly(1, 10, 50, 100);
    assertThat(service.records.get(0)).isInstanceOf(RolloutOpening.class);
    assertThat(service.waveChanges())
        .extracting(c -> c.waveIndex() + ":" + c.state().label())
        .containsExactly(
            "0:Running",
            "0:Succeeded",
            "1:Running",
            "1:Succeeded",
            "2:Running",
            "2:Succeeded",
            "3:Running",
            "3:Succeeded");
    assertThat(service.rolloutChanges())
        .extracting(RolloutStateChange::state)
        .containsExactly(RolloutState.COMPLETED);
  }

  @Test
  void aWaveWhoseFailuresPassTheThresholdHaltsTheRolloutAndSkipsTheRest() {
    // Wave 1 reaches 10 installs: 7 succeed, 3 fail (30% > 20%).
    start(
        new FakeRolloutService(
            TEN_PER_WAVE,
            (wave, targeted, poll) ->
                new WaveCounts(targeted, 7, 3, 0, "UntrustedKey in Checking: not our key")));
    RolloutResult result =
        stub().run(RolloutInput.start(request(List.of(10, 50, 100), Duration.ofHours(1))));

    assertThat(result.state()).isEqualTo(RolloutState.HALTED);
    assertThat(result.reason())
        .isEqualTo(
            "wave 1 (10%): 3 of 10 updates failed (30.0%), above the 20.0% threshold; e.g. UntrustedKey in Checking: not our key");
    assertThat(result.waves())
        .extracting(WaveProgress::state)
        .containsExactly(WaveState.HALTED, WaveState.SKIPPED, WaveState.SKIPPED);
    assertThat(service.triggers).as("later waves are never triggered").hasSize(1);
    assertThat(service.waveChanges().get(service.waveChanges().size() - 1).reason())
        .isEqualTo(result.reason());
    assertThat(service.rolloutChanges())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.state()).isEqualTo(RolloutState.HALTED);
              assertThat(c.reason()).isEqualTo(result.reason());
            });
  }

  @Test
  void failuresAtTheThresholdDoNotHalt() {
    start(
        new FakeRolloutService(
            TEN_PER_WAVE, (wave, targeted, poll) -> new WaveCounts(targeted, 8, 2, 0, "x")));
    RolloutResult result =
        stub().run(RolloutInput.start(request(List.of(10, 100), Duration.ofHours(1))));
    assertThat(result.state()).isEqualTo(RolloutState.COMPLETED);
  }

  @Test
  void theDeadlineEndsAWaveThatWaitsForOfflineInstallsAndTheyCountAsTimedOut() {
    // Two of ten never report (offline); one failed. 1/10 is within the threshold.
    start(
        new FakeRolloutService(
            TEN_PER_WAVE,
            (wave, targeted, poll) -> new WaveCounts(targeted, targeted - 3, 1, 0, "x")));
    long before = env.currentTimeMillis();
    RolloutResult result =
        stub().run(RolloutInput.start(request(List.of(50, 100), Duration.ofHours(2))));

    assertThat(result.state()).isEqualTo(RolloutState.COMPLETED);
    assertThat(result.waves().get(0).reason())
        .isEqualTo(
            "wave 1 (50%): deadline passed with 2 of 10 updates unfinished (7 succeeded, 1 failed)");
    assertThat(env.currentTimeMillis() - before)
        .as("both deadlines waited for")
        .isGreaterThanOrEqualTo(Duration.ofHours(4).toMillis());
    assertThat(service.polls.get(0))
        .as("one count per poll interval, plus the first")
        .isBetween(120, 122);
  }

  @Test
  void aPauseBeforeTheFirstWaveHoldsItUntilResumed() {
    start(new FakeRolloutService(TEN_PER_WAVE, FakeRolloutService::allSucceeded));
    RolloutWorkflow rollout = stub();
    WorkflowClient.start(
        rollout::run, RolloutInput.start(request(List.of(10, 100), Duration.ofHours(1))));
    rollout.pause();
    awaitTrue(
        () -> service.rolloutChanges().stream().anyMatch(c -> c.state() == RolloutState.PAUSED));
    assertThat(running().progress().state()).isEqualTo(RolloutState.PAUSED);
    assertThat(running().progress().waves().get(0).state()).isEqualTo(WaveState.PENDING);
    assertThat(service.triggers).isEmpty();

    running().resume();
    RolloutResult result = result();
    assertThat(result.state()).isEqualTo(RolloutState.COMPLETED);
    assertThat(service.rolloutChanges())
        .extracting(RolloutStateChange::state)
        .containsExactly(RolloutState.PAUSED, RolloutState.RUNNING, RolloutState.COMPLETED);
  }

  @Test
  void aPauseInTheMiddleOfATriggerStopsItAndResumeTriggersTheRest() throws Exception {
    FakeRolloutService fake =
        new FakeRolloutService(TEN_PER_WAVE, FakeRolloutService::allSucceeded);
    fake.firstTriggerRunsUntilCancelled = true;
    start(fake);
    WorkflowClient.start(
        stub()::run, RolloutInput.start(request(List.of(10, 100), Duration.ofHours(1))));
    assertThat(fake.triggerStarted.await(30, TimeUnit.SECONDS)).isTrue();

    running().pause();
    assertThat(fake.triggerCancelled.await(30, TimeUnit.SECONDS))
        .as("the trigger is cancelled")
        .isTrue();
    awaitTrue(() -> fake.rolloutChanges().stream().anyMatch(c -> c.state() == RolloutState.PAUSED));
    assertThat(fake.triggers).hasSize(1);

    running().resume();
    assertThat(result().state()).isEqualTo(RolloutState.COMPLETED);
    assertThat(fake.triggers).extracting(WaveTrigger::waveIndex).containsExactly(0, 0, 1);
  }

  @Test
  void abortWhileAWaveWaitsHaltsThatWaveAndSkipsTheRest() {
    // Results never come: the wave would wait a day.
    start(
        new FakeRolloutService(
            TEN_PER_WAVE, (wave, targeted, poll) -> new WaveCounts(targeted, 0, 0, 0, null)));
    WorkflowClient.start(
        stub()::run, RolloutInput.start(request(List.of(10, 50, 100), Duration.ofDays(1))));
    awaitTrue(() -> service.polls.getOrDefault(0, 0) > 0);

    running().abort(new RolloutAbort("found a crash on start"));
    RolloutResult result = result();
    assertThat(result.state()).isEqualTo(RolloutState.ABORTED);
    assertThat(result.reason()).isEqualTo("aborted: found a crash on start");
    assertThat(result.waves())
        .extracting(WaveProgress::state)
        .containsExactly(WaveState.HALTED, WaveState.SKIPPED, WaveState.SKIPPED);
    assertThat(service.triggers).hasSize(1);
    assertThat(service.rolloutChanges())
        .extracting(RolloutStateChange::state)
        .containsExactly(RolloutState.ABORTED);
  }

  @Test
  void aLongWaveContinuesAsNewAndKeepsItsProgress() {
    // One count a minute for six hours is over 2,000 events: at least one continue-as-new.
    start(
        new FakeRolloutService(
            TEN_PER_WAVE,
            (wave, targeted, poll) ->
                wave == 0
                    ? new WaveCounts(targeted, 9, 0, 0, null)
                    : FakeRolloutService.allSucceeded(wave, targeted, poll)));
    RolloutResult result =
        stub().run(RolloutInput.start(request(List.of(10, 100), Duration.ofHours(6))));

    assertThat(result.state()).isEqualTo(RolloutState.COMPLETED);
    assertThat(result.waves().get(0).reason())
        .contains("deadline passed with 1 of 10 updates unfinished");
    assertThat(service.triggers).as("a continued run does not trigger its wave again").hasSize(2);
    List<HistoryEvent> firstRun =
        client.fetchHistory(RolloutIds.workflowId(ROLLOUT_ID), firstRunId()).getEvents();
    assertThat(firstRun.get(firstRun.size() - 1).getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    assertThat(firstRun.size()).isLessThan(RolloutWorkflowImpl.HISTORY_EVENTS_PER_RUN + 20);
  }

  private String firstRunId() {
    return env
        .getWorkflowClient()
        .getWorkflowServiceStubs()
        .blockingStub()
        .listClosedWorkflowExecutions(
            ListClosedWorkflowExecutionsRequest.newBuilder().setNamespace("default").build())
        .getExecutionsList()
        .stream()
        .filter(
            e ->
                e.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW)
        .findFirst()
        .orElseThrow()
        .getExecution()
        .getRunId();
  }

  @Test
  void aMalformedRequestFailsAtOnceWithTheReason() {
    start(new FakeRolloutService(TEN_PER_WAVE, FakeRolloutService::allSucceeded));
    assertThatThrownBy(
            () -> stub().run(RolloutInput.start(request(List.of(50, 10), Duration.ofHours(1)))))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(RolloutFailures.INVALID_ROLLOUT);
              assertThat(f.getOriginalMessage())
                  .isEqualTo(
                      "wave percentages must rise strictly from 1 to 100, e.g. 1,10,50,100; not [50, 10]");
            });
    assertThat(service.records).isEmpty();
  }

  @Test
  void aScheduledRunWithoutAnIdTakesOneFromItsWorkflowIdAndSearchableByIt() {
    start(new FakeRolloutService(TEN_PER_WAVE, FakeRolloutService::allSucceeded));
    String workflowId = RolloutIds.scheduledWorkflowId("nightly") + "-2030-01-01T00:00:00Z";
    RolloutWorkflow rollout =
        client.newWorkflowStub(
            RolloutWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.SERVICE)
                .build());
    RolloutResult result =
        rollout.run(RolloutInput.start(RolloutRequest.of(null, "v-sekai", "0.2.0", "stable")));

    assertThat(result.rolloutId()).isEqualTo(RolloutIds.forWorkflow(workflowId));
    assertThat(((RolloutOpening) service.records.get(0)).workflowId()).isEqualTo(workflowId);
    assertThat(
            WorkflowStub.fromTyped(rollout)
                .describe()
                .getTypedSearchAttributes()
                .get(NebulaSearchAttributes.ROLLOUT_ID))
        .isEqualTo(result.rolloutId());
  }

  private static void awaitTrue(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
