package org.vsekai.nebula.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.activities.LocalProgress;
import org.vsekai.nebula.activities.local.InstallState;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.activities.testing.Builds;
import org.vsekai.nebula.desync.ChunkSizes;
import org.vsekai.nebula.workflows.UpdateActivityPolicies;
import org.vsekai.nebula.workflows.UpdateOutcome;
import org.vsekai.nebula.workflows.UpdateRequest;
import org.vsekai.nebula.workflows.UpdateResult;
import org.vsekai.nebula.workflows.UpdateState;
import org.vsekai.nebula.workflows.UpdateTrigger;
import org.vsekai.nebula.workflows.client.UpdateHandle;
import org.vsekai.nebula.workflows.client.UpdateStarter;

/**
 * Issue 4's crash test, all real: the Temporal dev server, the service, a worker in its own JVM. A
 * 200 MB install is updated to a release with about 5% changed while the worker is killed -9 during
 * DownloadingUpdate and again during FinalizingUpdate, and, in a second update, while the Temporal
 * server itself is killed and restarted. Each update completes, the folder equals the new build
 * byte for byte, little more than the needed bytes cross the wire, and a watcher reading the folder
 * throughout never sees a mix of the two releases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class UpdateCrashEndToEndTest {
  private static final long RATE = 2L << 20; // slow enough to kill mid-download, fast enough for CI
  private static final Duration STEP_WAIT = Duration.ofMinutes(5);

  /**
   * A rerun after a crash must take the dead worker's step again at once: the new worker tells the
   * service it restarted, and the step is retried then, not after the dead attempt's heartbeat
   * timeout, so a resume that waited for the timeout takes 30 s or more and fails here. How soon it
   * is (3.5 to 4 s typically, a new JVM's start included) is a figure the test prints and the notes
   * quote; asserted tighter on this 2-core machine, it failed on noise (5.3 s, 5.9 s).
   */
  private static final Duration RESUME_LIMIT =
      UpdateActivityPolicies.HEARTBEAT_TIMEOUT.dividedBy(2);

  @TempDir static Path dir;
  private EndToEndRig rig;
  private Path v1;
  private Path v2;

  @BeforeAll
  void start() throws Exception {
    rig = new EndToEndRig(dir);
    Path[] builds = rig.builds(200);
    v1 = builds[0];
    v2 = builds[1];
    rig.publish("0.1.0", v1);
    rig.publish("0.2.0", v2);
    // The patches 0.2.0 gets from 0.1.0 are ready before any update plans, so the kills below
    // land in a patch download and a patch apply: patches come first in the download, and the
    // binary, patched, is the first large file applied.
    patchesMade = rig.awaitPatches("0.2.0");
  }

  private int patchesMade;

  @AfterAll
  void stop() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void killingTheWorkerDuringDownloadAndFinalizeLosesNothing() throws Exception {
    LauncherFolder folder = new LauncherFolder(dir.resolve("launcher-kill"));
    InstallState state = rig.newInstall(folder);
    // Apply holds its first large file half-written for 4 s, and finalize each journal step, so
    // the kills land inside them.
    Map<String, String> env =
        Map.of("NEBULA_FAULT_FINALIZE_PAUSE_MS", "4000", "NEBULA_FAULT_APPLY_PAUSE_MS", "4000");
    WorkerProcess worker = rig.worker(folder, env);
    try {
      installVersion(state, "0.1.0");
      assertThat(Builds.contents(folder.current())).isEqualTo(Builds.contents(v1));

      assertThat(patchesMade).as("patches the service made for 0.2.0").isPositive();
      long servedBefore = rig.chunkBytesServed() + rig.patchBytesServed();
      try (FolderWatcher watcher =
          new FolderWatcher(folder.current(), EndToEndRig.fingerprints(v1, v2))) {
        UpdateHandle update = start(state, "0.2.0", RATE);
        awaitTrue("download under way", () -> downloading(update, folder, 1L << 20));
        int downloadAttempt = startedAttempt(update, "DownloadChunks");
        worker.kill9();
        long restarted = System.nanoTime();
        worker = rig.worker(folder, env);
        Duration downloadResumed =
            awaitNextAttempt(update, "DownloadChunks", downloadAttempt, restarted);

        awaitTrue("applying", () -> applying(update, folder));
        Thread.sleep(2000); // inside the pause, a file half-written under its temporary name
        int applyAttempt = startedAttempt(update, "Apply");
        worker.kill9();
        restarted = System.nanoTime();
        worker = rig.worker(folder, env);
        Duration applyResumed = awaitNextAttempt(update, "Apply", applyAttempt, restarted);
        System.out.printf(
            "e2e kill test: the rerun resumed the apply in %.1f s%n",
            applyResumed.toMillis() / 1000.0);

        awaitTrue("finalizing", () -> state(update) == UpdateState.FINALIZING_UPDATE);
        Thread.sleep(2500); // inside the first journal step's pause
        int finalizeAttempt = startedAttempt(update, "FinalizeUpdate");
        worker.kill9();
        restarted = System.nanoTime();
        worker = rig.worker(folder, Map.of());
        Duration finalizeResumed =
            awaitNextAttempt(update, "FinalizeUpdate", finalizeAttempt, restarted);
        System.out.printf(
            "e2e kill test: the rerun resumed the download in %.1f s and the finalize in %.1f s"
                + " (a new JVM's start included)%n",
            downloadResumed.toMillis() / 1000.0, finalizeResumed.toMillis() / 1000.0);
        assertThat(downloadResumed)
            .as("resume after a kill in DownloadingUpdate")
            .isLessThan(RESUME_LIMIT);
        assertThat(finalizeResumed)
            .as("resume after a kill in FinalizingUpdate")
            .isLessThan(RESUME_LIMIT);

        UpdateResult result = update.result();
        assertThat(result.outcome()).isEqualTo(UpdateOutcome.UPDATED);
        long servedForIt = rig.chunkBytesServed() + rig.patchBytesServed() - servedBefore;
        // Every byte counts, the killed attempt's too; only chunks in flight at the kill (at
        // most one per parallel fetch) can be served and never received.
        assertThat(result.bytesDownloaded())
            .as(
                "bytes the update counts (%d) against served (%d)",
                result.bytesDownloaded(), servedForIt)
            .isLessThanOrEqualTo(servedForIt)
            .isGreaterThan(servedForIt - 8L * ChunkSizes.DEFAULT.max());
        assertThat(watcher.mixes()).as("samples mixing releases").isEmpty();
        assertThat(watcher.samples()).isGreaterThan(10);
        System.out.printf("e2e kill test: %d folder samples, none mixed%n", watcher.samples());
      }
      assertThat(Builds.contents(folder.current())).isEqualTo(Builds.contents(v2));
      assertThat(entries(folder.current()))
          .as("exactly the release's files and folders: no temporaries of the killed apply")
          .isEqualTo(entries(v2));
      assertThat(leftIn(folder.plans())).as("no plan, patch or part file left over").isEmpty();
      long served = rig.chunkBytesServed() + rig.patchBytesServed() - servedBefore;
      long needed = rig.neededCompressedBytes(v1, v2);
      System.out.printf(
          "e2e kill test: %d chunk and patch bytes served for %d chunk bytes needed (%.3f)%n",
          served, needed, (double) served / needed);
      assertThat(served)
          .as("bytes downloaded (%d) against needed (%d)", served, needed)
          .isLessThanOrEqualTo((long) (needed * 1.1));
      assertThat(served)
          .as("with patches for the binary and the edited pack, less than the chunks alone")
          .isLessThan(needed);
    } finally {
      worker.close();
    }
  }

  @Test
  void restartingTheTemporalServerDuringTheDownloadLosesNothing() throws Exception {
    LauncherFolder folder = new LauncherFolder(dir.resolve("launcher-restart"));
    InstallState state = rig.newInstall(folder);
    try (WorkerProcess worker = rig.worker(folder, Map.of())) {
      installVersion(state, "0.1.0");
      UpdateHandle update = start(state, "0.2.0", RATE);
      awaitTrue("download under way", () -> downloading(update, folder, 1L << 20));
      rig.temporal.kill();
      Thread.sleep(3000);
      rig.temporal.restart();
      UpdateResult result = new UpdateStarter(rig.client).latest(state.installId()).result();
      assertThat(result.outcome()).isEqualTo(UpdateOutcome.UPDATED);
      assertThat(result.toVersion()).isEqualTo("0.2.0");
    }
    assertThat(Builds.contents(folder.current())).isEqualTo(Builds.contents(v2));
  }

  private void installVersion(InstallState state, String version) {
    UpdateResult r = start(state, version, 0).result();
    assertThat(r.outcome()).isEqualTo(UpdateOutcome.UPDATED);
  }

  private UpdateHandle start(InstallState state, String version, long rate) {
    return new UpdateStarter(rig.client)
        .startOrAttach(
            new UpdateRequest(
                state.installId(),
                "v-sekai",
                "stable",
                version,
                false,
                rate,
                UpdateTrigger.MANUAL,
                null,
                null,
                null));
  }

  /** The attempt of the step of this type a worker runs now; 0 when none runs. */
  private int startedAttempt(UpdateHandle update, String type) {
    for (PendingActivityInfo step : pending(update)) {
      if (step.getActivityType().getName().equals(type)
          && step.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED) {
        return step.getAttempt();
      }
    }
    return 0;
  }

  /** Waits until a later attempt of the step has started; the time since {@code since}. */
  private Duration awaitNextAttempt(UpdateHandle update, String type, int attempt, long since)
      throws InterruptedException {
    awaitTrue(
        type + " taken again after attempt " + attempt,
        () -> startedAttempt(update, type) > attempt || !isPending(update, type));
    return Duration.ofNanos(System.nanoTime() - since);
  }

  private boolean isPending(UpdateHandle update, String type) {
    return pending(update).stream().anyMatch(s -> s.getActivityType().getName().equals(type));
  }

  private List<PendingActivityInfo> pending(UpdateHandle update) {
    return rig.client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(update.workflowId()))
                .build())
        .getPendingActivitiesList();
  }

  private static UpdateState state(UpdateHandle h) {
    try {
      return h.status().state();
    } catch (RuntimeException noWorkerRightNow) {
      return null;
    }
  }

  private static boolean applying(UpdateHandle h, LauncherFolder folder) {
    LocalProgress p = EndToEndRig.progress(folder);
    return state(h) == UpdateState.APPLYING_UPDATE
        && p != null
        && p.step().equals("ApplyingUpdate")
        && p.bytesDone() > 0;
  }

  private static List<String> leftIn(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).toList();
    }
  }

  /** Every file and folder under {@code root}, relative, hidden ones included. */
  private static List<String> entries(Path root) throws IOException {
    Path real = root.toRealPath();
    try (Stream<Path> walk = Files.walk(real)) {
      return walk.filter(p -> !p.equals(real))
          .map(p -> real.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  private static boolean downloading(UpdateHandle h, LauncherFolder folder, long atLeast) {
    LocalProgress p = EndToEndRig.progress(folder);
    return state(h) == UpdateState.DOWNLOADING_UPDATE && p != null && p.bytesDone() >= atLeast;
  }

  private static void awaitTrue(String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + STEP_WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(100);
    }
  }
}
