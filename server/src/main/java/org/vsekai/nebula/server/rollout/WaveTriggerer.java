package org.vsekai.nebula.server.rollout;

import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.schema.RolloutRepository;
import org.vsekai.nebula.schema.db.RolloutCandidateRow;
import org.vsekai.nebula.schema.db.RolloutTargetRow;
import org.vsekai.nebula.workflows.UpdateRequest;
import org.vsekai.nebula.workflows.UpdateTrigger;
import org.vsekai.nebula.workflows.client.UpdateHandle;
import org.vsekai.nebula.workflows.client.UpdateStarter;
import org.vsekai.nebula.workflows.rollout.WaveBuckets;
import org.vsekai.nebula.workflows.rollout.WaveTrigger;
import org.vsekai.nebula.workflows.rollout.WaveTriggered;

/**
 * Starts a wave's updates. Pages through the installs that follow the rollout's mode and that the
 * rollout has not reached yet; keeps those in the wave's share of buckets ({@link WaveBuckets})
 * that run an older version or none; starts each one's update, or joins the one already running;
 * and records the page as the wave's targets before asking for the next. An attempt that dies
 * leaves at most one page started but unrecorded; the next attempt joins those runs (they are still
 * running, waiting for their installs) and records them then.
 *
 * <h2>Why the update workflow, not the launcher's updateNow</h2>
 *
 * Each install gets {@code update-<installId>} through {@link UpdateStarter#startOrAttach} on its
 * own task queue. That answers with the exact run started or joined, so the wave knows the id under
 * which that run's result will be recorded ({@link UpdateProcessIds}); a signal to the install's
 * launcher would start its update later, under a run id nobody could tell the wave. It also reaches
 * installs that have no launcher (players who update by hand), and a launcher whose own check comes
 * while the rollout's update runs waits for it, as for any update started elsewhere. An install
 * that is offline gets its update all the same: the run waits on the install's task queue, with
 * UpdateState Idle, until the player's worker returns and runs it. The cost: the service does not
 * know a player's bandwidth cap, so a rollout's update downloads uncapped.
 */
public final class WaveTriggerer {
  /** Installs read, started and recorded at once; a heartbeat follows each page. */
  static final int PAGE = 500;

  /**
   * StartWorkflowExecution calls in flight. Each is a round trip and a history write on the
   * cluster; sixteen start some thousand updates a second on a cluster and keep one service from
   * swamping a small one.
   */
  static final int PARALLEL_STARTS = 16;

  private final RolloutRepository rollouts;
  private final WorkflowClient client;
  private final UpdateStarter starter;
  private final ExecutorService starts;

  public WaveTriggerer(RolloutRepository rollouts, WorkflowClient client) {
    this.rollouts = rollouts;
    this.client = client;
    this.starter = new UpdateStarter(client);
    this.starts = Executors.newFixedThreadPool(PARALLEL_STARTS, daemonThreads());
  }

  /**
   * Triggers the wave; {@code afterEachPage} heartbeats (and throws when the wave is cancelled).
   */
  public WaveTriggered trigger(WaveTrigger wave, Runnable afterEachPage) {
    UUID rolloutId = UUID.fromString(wave.rolloutId());
    SemVer target = SemVer.parse(wave.version());
    long started = 0;
    long joined = 0;
    UUID after = null;
    while (true) {
      List<RolloutCandidateRow> page = rollouts.candidates(rolloutId, after, PAGE);
      if (page.isEmpty()) {
        break;
      }
      after = page.get(page.size() - 1).installId();
      List<RolloutCandidateRow> reached = new ArrayList<>();
      for (RolloutCandidateRow c : page) {
        boolean older = c.version() == null || c.version().compareTo(target) < 0;
        if (older && WaveBuckets.reaches(wave.percent(), c.installId().toString())) {
          reached.add(c);
        }
      }
      List<RolloutTargetRow> targets = startAll(reached, wave);
      rollouts.addTargets(rolloutId, wave.waveIndex(), targets);
      for (RolloutTargetRow t : targets) {
        if (t.joinedRunningUpdate()) {
          joined++;
        } else {
          started++;
        }
      }
      afterEachPage.run();
    }
    return new WaveTriggered(
        rollouts.tally(rolloutId, wave.waveIndex()).targeted(), started, joined);
  }

  private List<RolloutTargetRow> startAll(List<RolloutCandidateRow> installs, WaveTrigger wave) {
    List<Future<RolloutTargetRow>> pending = new ArrayList<>(installs.size());
    for (RolloutCandidateRow install : installs) {
      pending.add(starts.submit(() -> start(install.installId(), wave)));
    }
    List<RolloutTargetRow> targets = new ArrayList<>(installs.size());
    try {
      for (Future<RolloutTargetRow> f : pending) {
        targets.add(f.get());
      }
    } catch (InterruptedException e) {
      pending.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting a wave's updates", e);
    } catch (ExecutionException e) {
      pending.forEach(f -> f.cancel(true));
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    }
    return targets;
  }

  private RolloutTargetRow start(UUID installId, WaveTrigger wave) {
    UpdateHandle update =
        starter.startOrAttach(
            new UpdateRequest(
                installId.toString(),
                wave.product(),
                wave.mode(),
                wave.version(),
                false,
                0,
                UpdateTrigger.ROLLOUT,
                wave.rolloutId(),
                null,
                null));
    String runId = update.runId();
    if (runId == null || runId.isEmpty()) {
      // Joined a running update whose run the server did not name: ask for it.
      runId =
          client.newUntypedWorkflowStub(update.workflowId()).describe().getExecution().getRunId();
    }
    return new RolloutTargetRow(
        installId,
        update.workflowId(),
        runId,
        UpdateProcessIds.forRun(update.workflowId(), runId),
        update.attached());
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "rollout-starts-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
