package org.vsekai.nebula.workflows.rollout;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The service's side of a rollout, in memory: every record is kept in order, a wave reaches a fixed
 * number of installs, and its counts come from a function of the wave and the poll number. A
 * trigger can be made to run until cancelled, to test pause and abort mid-trigger.
 */
final class FakeRolloutService implements RolloutActivities {
  final List<Object> records = new CopyOnWriteArrayList<>();
  final List<WaveTrigger> triggers = new CopyOnWriteArrayList<>();
  final Map<Integer, Integer> polls = new ConcurrentHashMap<>();
  final CountDownLatch triggerStarted = new CountDownLatch(1);
  final CountDownLatch triggerCancelled = new CountDownLatch(1);

  private final IntFunction<Long> targeted;
  private volatile CountsAt counts;

  /** When set, the first trigger heartbeats until it is cancelled. */
  volatile boolean firstTriggerRunsUntilCancelled;

  /** The counts a wave reports at its {@code poll}-th count (from 1). */
  interface CountsAt {
    WaveCounts at(int wave, long targeted, int poll);
  }

  FakeRolloutService(IntFunction<Long> targeted, CountsAt counts) {
    this.targeted = targeted;
    this.counts = counts;
  }

  void answerCounts(CountsAt newCounts) {
    counts = newCounts;
  }

  static WaveCounts allSucceeded(int wave, long targeted, int poll) {
    return new WaveCounts(targeted, targeted, 0, 0, null);
  }

  @Override
  public RolloutReceipt openRollout(RolloutOpening opening) {
    records.add(opening);
    return new RolloutReceipt(true);
  }

  @Override
  public RolloutReceipt recordRollout(RolloutStateChange change) {
    records.add(change);
    return new RolloutReceipt(true);
  }

  @Override
  public RolloutReceipt recordWave(WaveStateChange change) {
    records.add(change);
    return new RolloutReceipt(true);
  }

  @Override
  public WaveTriggered triggerWave(WaveTrigger trigger) {
    boolean first = triggers.isEmpty();
    triggers.add(trigger);
    if (first && firstTriggerRunsUntilCancelled) {
      ActivityExecutionContext context = Activity.getExecutionContext();
      triggerStarted.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      try {
        while (System.nanoTime() < deadline) {
          context.heartbeat(null);
          Thread.sleep(5);
        }
      } catch (ActivityCompletionException stopped) {
        triggerCancelled.countDown();
        throw stopped;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("the workflow never cancelled the trigger");
    }
    long n = targeted.apply(trigger.waveIndex());
    return new WaveTriggered(n, n, 0);
  }

  @Override
  public WaveCounts pollWave(WavePoll poll) {
    int n = polls.merge(poll.waveIndex(), 1, Integer::sum);
    return counts.at(poll.waveIndex(), targeted.apply(poll.waveIndex()), n);
  }

  List<RolloutStateChange> rolloutChanges() {
    return records.stream()
        .filter(RolloutStateChange.class::isInstance)
        .map(RolloutStateChange.class::cast)
        .toList();
  }

  List<WaveStateChange> waveChanges() {
    return records.stream()
        .filter(WaveStateChange.class::isInstance)
        .map(WaveStateChange.class::cast)
        .toList();
  }
}
