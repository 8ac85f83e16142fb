package org.vsekai.nebula.workflows.rollout;

import static org.vsekai.nebula.workflows.NebulaSearchAttributes.ROLLOUT_ID;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.vsekai.nebula.workflows.FailureMessages;

/**
 * The rollout, wave by wave: trigger the wave's installs (one activity, however many), then count
 * their results every poll interval until all have ended or the deadline has passed, then judge the
 * wave.
 *
 * <h2>History stays bounded</h2>
 *
 * No event is ever per install: triggering a wave is one heartbeating activity that pages through
 * the installs itself, and the results are counted in the database, where each update records how
 * it ended (the update workflow's record activity on the service's queue). A wave costs about eight
 * events per poll, and a run continues as new after {@link #HISTORY_EVENTS_PER_RUN} events,
 * carrying {@link RolloutMemory}.
 *
 * <h2>Judging a wave</h2>
 *
 * The failure rate is failed / (finished + timed out), that is failed / targeted (see {@link
 * WaveCounts#failureRate}). Since the denominator is fixed once the wave is triggered, a rate above
 * the threshold is final the moment it is reached: the wave halts at once, records why (with one
 * failed update's message), and every later wave is skipped. Otherwise the wave succeeds when all
 * its updates have ended or when its deadline passes; an install still offline then counts only as
 * timed out, and updates when it comes back.
 *
 * <h2>Pause and abort</h2>
 *
 * Pause cancels a running trigger at its next heartbeat and holds the rollout before the next
 * trigger or wave; a resumed trigger skips the installs already reached. Counting goes on while
 * paused. Abort ends the rollout at the next step, marking the running wave halted. Neither stops
 * an update already started. The tables follow: Paused and Running are recorded as the flag
 * changes.
 */
public class RolloutWorkflowImpl implements RolloutWorkflow {

  /**
   * A run continues as new after this many events. A restarted service worker replays the run
   * before it can act; 2,000 events replay in well under a second, and a run then covers some 250
   * polls (four hours of a wave at the default poll interval).
   */
  public static final int HISTORY_EVENTS_PER_RUN = 2_000;

  private static final Logger log = Workflow.getLogger(RolloutWorkflowImpl.class);

  private final RolloutActivities records =
      Workflow.newActivityStub(RolloutActivities.class, RolloutActivityPolicies.RECORD);
  private final RolloutActivities triggers =
      Workflow.newActivityStub(RolloutActivities.class, RolloutActivityPolicies.TRIGGER);
  private final RolloutActivities polls =
      Workflow.newActivityStub(RolloutActivities.class, RolloutActivityPolicies.POLL);

  private RolloutRequest request;
  private final List<WaveProgress> waves = new ArrayList<>();
  private int waveIndex;
  private RolloutState state = RolloutState.RUNNING;
  private String reason;
  private boolean paused;

  /** Whether a pause or resume arrived in this run before {@link #run} restored the memory. */
  private boolean pauseSignalled;

  /** Whether the tables say Paused; the loop records the flag when the two differ. */
  private boolean pauseRecorded;

  private boolean abortRequested;
  private String abortReason;

  /** The running trigger; pause and abort cancel it. Null when none runs. */
  private CancellationScope triggering;

  @Override
  public RolloutResult run(RolloutInput input) {
    String problem =
        input == null || input.request() == null ? "no rollout request" : input.request().problem();
    if (problem != null) {
      throw ApplicationFailure.newNonRetryableFailure(problem, RolloutFailures.INVALID_ROLLOUT);
    }
    if (input.memory() == null) {
      open(input.request());
    } else {
      restore(input);
    }
    try {
      while (waveIndex < waves.size() && runWave()) {
        waveIndex++;
        if (waveIndex < waves.size()) {
          continueAsNewIfLong();
        }
      }
    } catch (ActivityFailure failure) {
      // Only a refusal the service will repeat gets here (every policy retries without limit).
      end(RolloutState.HALTED, "the rollout failed: " + FailureMessages.causeOf(failure));
      throw failure;
    }
    if (!state.ended()) {
      end(RolloutState.COMPLETED, "all " + waves.size() + " waves succeeded");
    }
    return new RolloutResult(request.rolloutId(), state, reason, waves);
  }

  private void open(RolloutRequest given) {
    String workflowId = Workflow.getInfo().getWorkflowId();
    String id = given.rolloutId() != null ? given.rolloutId() : RolloutIds.forWorkflow(workflowId);
    request = given.withRolloutId(id);
    if (Workflow.getTypedSearchAttributes().get(ROLLOUT_ID) == null) {
      // A scheduled run could not know its id when the schedule started it.
      Workflow.upsertTypedSearchAttributes(ROLLOUT_ID.valueSet(id));
    }
    for (int i = 0; i < request.wavePercents().size(); i++) {
      waves.add(WaveProgress.pending(i, request.wavePercents().get(i)));
    }
    records.openRollout(new RolloutOpening(request, workflowId));
    log.info(
        "rollout {}: {} {} to mode {} in waves {}",
        id,
        request.product(),
        request.version(),
        request.mode(),
        request.wavePercents());
  }

  private void restore(RolloutInput input) {
    request = input.request();
    RolloutMemory memory = input.memory();
    waves.addAll(memory.waves());
    waveIndex = memory.waveIndex();
    if (!pauseSignalled) {
      paused = memory.paused();
    }
    pauseRecorded = memory.pauseRecorded();
    state = pauseRecorded ? RolloutState.PAUSED : RolloutState.RUNNING;
  }

  /** The current wave from where it stands; false when the rollout ended in it. */
  private boolean runWave() {
    if (wave().state() == WaveState.PENDING) {
      if (!awaitGoAhead()) {
        return stopForAbort();
      }
      setWave(wave().withState(WaveState.RUNNING, null));
      recordWave(null);
    }
    if (wave().deadlineAt() == null && !trigger()) {
      return stopForAbort();
    }
    return awaitResults();
  }

  /** Starts the wave's updates, again after each pause that interrupts it; false on abort. */
  private boolean trigger() {
    WaveTrigger order =
        new WaveTrigger(
            request.rolloutId(),
            waveIndex,
            wave().percent(),
            request.product(),
            request.mode(),
            request.version());
    while (true) {
      if (!awaitGoAhead()) {
        return false;
      }
      List<Promise<WaveTriggered>> attempt = new ArrayList<>(1);
      CancellationScope scope =
          Workflow.newCancellationScope(
              () -> attempt.add(Async.function(triggers::triggerWave, order)));
      triggering = scope;
      try {
        scope.run();
        WaveTriggered done = attempt.get(0).get();
        setWave(
            wave()
                .awaitingUntil(now().plus(request.waveDeadline()))
                .withCounts(new WaveCounts(done.targeted(), 0, 0, 0, null)));
        log.info(
            "rollout {}: {} reached {} installs ({} started now, {} joined)",
            request.rolloutId(),
            wave().label(),
            done.targeted(),
            done.started(),
            done.joined());
        return true;
      } catch (ActivityFailure | CanceledFailure interrupted) {
        if (!scope.isCancelRequested()) {
          throw interrupted;
        }
        log.info("rollout {}: triggering {} interrupted", request.rolloutId(), wave().label());
      } finally {
        triggering = null;
      }
    }
  }

  /** Counts until all ended or the deadline; false when the wave halted or was aborted. */
  private boolean awaitResults() {
    while (true) {
      syncPauseRecord();
      WaveCounts counts = polls.pollWave(new WavePoll(request.rolloutId(), waveIndex));
      setWave(wave().withCounts(counts));
      if (counts.failureRate() > request.maxFailureRate()) {
        return halt(counts);
      }
      if (abortRequested) {
        return stopForAbort();
      }
      Duration left = Duration.between(now(), wave().deadlineAt());
      if (counts.unfinished() == 0 || left.isNegative() || left.isZero()) {
        break;
      }
      Duration nap = request.pollInterval().compareTo(left) < 0 ? request.pollInterval() : left;
      Workflow.await(nap, () -> abortRequested || paused != pauseRecorded);
      if (!abortRequested) {
        continueAsNewIfLong();
      }
    }
    WaveCounts counts = wave().counts();
    String why =
        counts.unfinished() == 0
            ? String.format(
                Locale.ROOT,
                "%s: all %d updates ended (%d succeeded, %d failed, %d cancelled)",
                wave().label(),
                counts.targeted(),
                counts.succeeded(),
                counts.failed(),
                counts.cancelled())
            : String.format(
                Locale.ROOT,
                "%s: deadline passed with %d of %d updates unfinished (%d succeeded, %d failed)",
                wave().label(),
                counts.unfinished(),
                counts.targeted(),
                counts.succeeded(),
                counts.failed());
    setWave(wave().withState(WaveState.SUCCEEDED, why));
    recordWave(why);
    log.info("rollout {}: {}", request.rolloutId(), why);
    return true;
  }

  private boolean halt(WaveCounts counts) {
    String why =
        String.format(
            Locale.ROOT,
            "%s: %d of %d updates failed (%.1f%%), above the %.1f%% threshold%s",
            wave().label(),
            counts.failed(),
            counts.targeted(),
            100 * counts.failureRate(),
            100 * request.maxFailureRate(),
            counts.sampleFailure() == null ? "" : "; e.g. " + counts.sampleFailure());
    setWave(wave().withState(WaveState.HALTED, why));
    recordWave(why);
    end(RolloutState.HALTED, why);
    log.warn("rollout {} halted: {}", request.rolloutId(), why);
    return false;
  }

  private boolean stopForAbort() {
    String why =
        "aborted" + (abortReason == null || abortReason.isBlank() ? "" : ": " + abortReason);
    if (wave().state() == WaveState.RUNNING) {
      setWave(wave().withState(WaveState.HALTED, why));
      recordWave(why);
    }
    end(RolloutState.ABORTED, why);
    log.info("rollout {} {}", request.rolloutId(), why);
    return false;
  }

  /** Records the end; the service skips the waves still Pending in the same transaction. */
  private void end(RolloutState endState, String why) {
    state = endState;
    reason = why;
    for (int i = 0; i < waves.size(); i++) {
      if (waves.get(i).state() == WaveState.PENDING) {
        waves.set(i, waves.get(i).withState(WaveState.SKIPPED, "the rollout ended before it"));
      }
    }
    records.recordRollout(new RolloutStateChange(request.rolloutId(), endState, why));
  }

  /** Holds while paused, recording Paused and Running as the flag changes; false on abort. */
  private boolean awaitGoAhead() {
    while (true) {
      syncPauseRecord();
      if (abortRequested) {
        return false;
      }
      if (!paused) {
        return true;
      }
      Workflow.await(() -> abortRequested || paused != pauseRecorded);
    }
  }

  private void syncPauseRecord() {
    while (paused != pauseRecorded && !state.ended()) {
      boolean recording = paused;
      RolloutState next = recording ? RolloutState.PAUSED : RolloutState.RUNNING;
      records.recordRollout(
          new RolloutStateChange(request.rolloutId(), next, recording ? "paused" : "resumed"));
      pauseRecorded = recording;
      state = next;
    }
  }

  private void recordWave(String why) {
    WaveProgress w = wave();
    records.recordWave(
        new WaveStateChange(request.rolloutId(), w.index(), w.state(), w.counts(), why));
  }

  private void continueAsNewIfLong() {
    WorkflowInfo info = Workflow.getInfo();
    if (info.getHistoryLength() < HISTORY_EVENTS_PER_RUN && !info.isContinueAsNewSuggested()) {
      return;
    }
    log.info(
        "rollout {}: continuing as new after {} events",
        request.rolloutId(),
        info.getHistoryLength());
    Workflow.continueAsNew(
        new RolloutInput(request, new RolloutMemory(waveIndex, waves, paused, pauseRecorded)));
  }

  private WaveProgress wave() {
    return waves.get(waveIndex);
  }

  private void setWave(WaveProgress w) {
    waves.set(waveIndex, w);
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  @Override
  public void pause() {
    pauseSignalled = true;
    if (state.ended()) {
      return;
    }
    paused = true;
    if (triggering != null) {
      triggering.cancel("paused");
    }
  }

  @Override
  public void resume() {
    pauseSignalled = true;
    paused = false;
  }

  @Override
  public void abort(RolloutAbort abort) {
    if (state.ended() || abortRequested) {
      return;
    }
    abortRequested = true;
    abortReason = abort == null ? null : abort.reason();
    if (triggering != null) {
      triggering.cancel("aborted");
    }
  }

  @Override
  public RolloutProgress progress() {
    RolloutState shown =
        state.ended() ? state : paused ? RolloutState.PAUSED : RolloutState.RUNNING;
    return new RolloutProgress(
        request == null ? null : request.rolloutId(),
        request == null ? null : request.product(),
        request == null ? null : request.version(),
        request == null ? null : request.mode(),
        shown,
        reason,
        waveIndex,
        waves);
  }
}
