package org.vsekai.nebula.cli.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.activities.local.Json;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.rest.InstallRegistered;
import org.vsekai.nebula.api.rest.InstallRegistration;
import org.vsekai.nebula.api.rest.RolloutInfo;
import org.vsekai.nebula.cli.CliRig;
import org.vsekai.nebula.cli.CliRun;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.SupportTemporal;
import org.vsekai.nebula.cli.commands.PublishCommand;
import org.vsekai.nebula.desync.ChunkSizes;
import org.vsekai.nebula.workflows.rollout.RolloutIds;
import org.vsekai.nebula.workflows.rollout.RolloutWorkflow;
import org.vsekai.nebula.workflows.rollout.WaveBuckets;

/**
 * {@code vsekai rollout ...} against the service and Temporal on their embedded defaults: the
 * commands' output, exit codes and one-line errors. The rollouts here reach at most one install,
 * which never runs a worker; the fleet is {@code RolloutFleetEndToEndTest}'s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class RolloutCommandsTest {
  private static final Pattern ROLLOUT_ID = Pattern.compile("rollout ([0-9a-f-]{36}):");
  @TempDir static Path dir;
  private CliRig rig;

  @BeforeAll
  void start() throws Exception {
    rig = new CliRig(dir);
    Path build = Files.createDirectories(dir.resolve("build"));
    Files.writeString(build.resolve("game.bin"), "V-Sekai 0.1.0");
    PublishCommand.publish(
        new ServiceClient(rig.nebula.baseUrl(), rig.token()),
        "v-sekai",
        "0.1.0",
        "stable",
        "game.bin",
        ChunkSizes.DEFAULT,
        build);
  }

  @AfterAll
  void stop() throws Exception {
    rig.close();
  }

  private CliRun run(String... args) {
    return CliRun.of(rig.with(args));
  }

  @Test
  void startThenStatusFollowsTheRolloutToItsEnd() throws Exception {
    CliRun started =
        run(
            "rollout",
            "start",
            "--version",
            "0.1.0",
            "--mode",
            "beta",
            "--waves",
            "50,100",
            "--poll-interval",
            "1s",
            "--wave-deadline",
            "1m",
            "--token",
            rig.token());
    assertThat(started.exitCode()).as(started.err()).isZero();
    assertThat(started.out())
        .contains(
            "v-sekai 0.1.0 to mode beta, Running",
            "waves 50%, 100%, halts above 20% failed",
            "RolloutId=\"");
    Matcher m = ROLLOUT_ID.matcher(started.out());
    assertThat(m.find()).isTrue();
    String id = m.group(1);

    CliRun status = awaitStatus(id, "Completed");
    assertThat(status.out())
        .contains(
            "wave 1 (50%)  Succeeded", "wave 2 (100%)  Succeeded", "why: all 2 waves succeeded");
    CliRun list = run("rollout", "status", "--token", rig.token());
    assertThat(list.out()).contains(id + "  Completed");

    CliRun json = run("rollout", "status", id, "--json", "--token", rig.supportToken());
    RolloutInfo info = Json.mapper().readValue(json.out(), RolloutInfo.class);
    assertThat(info.state()).isEqualTo("Completed");
    assertThat(info.waves()).hasSize(2);

    CliRun pause = run("rollout", "pause", id, "--token", rig.token());
    assertThat(pause.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(pause.err().trim())
        .isEqualTo("vsekai: rollout " + id + " has ended (Completed); nothing to pause");
  }

  @Test
  void abortEndsARolloutThatWaits() throws Exception {
    // The rollout must still be in wave 1 when the pause arrives, or abort halts wave 2 instead of
    // skipping it. With no install in wave 1 it succeeds at once and wave 2 (or the rollout's end)
    // races the pause; an install in the first 1% that never reports (no worker polls its queue,
    // and a rollout's update waits a month for one) holds wave 1 until its 1h deadline.
    registerAnOfflineInstallInTheFirstPercent();
    CliRun started =
        run(
            "rollout",
            "start",
            "--version",
            "0.1.0",
            "--waves",
            "1,100",
            "--wave-deadline",
            "1h",
            "--token",
            rig.token());
    Matcher m = ROLLOUT_ID.matcher(started.out());
    assertThat(m.find()).as(started.out() + started.err()).isTrue();
    String id = m.group(1);
    // Nor may the pause cancel wave 1's trigger as it completes: Temporal's test server then
    // refuses the workflow task (ACTIVITY_UNKNOWN, temporalio/sdk-java#2391) and the rollout
    // stalls. Once wave 1 has its deadline it only waits, and a pause there cancels nothing.
    awaitFirstWaveWaiting(id);
    CliRun paused = run("rollout", "pause", id, "--token", rig.token());
    assertThat(paused.out()).contains("Asked rollout " + id + " to pause");
    awaitStatus(id, "Paused");
    CliRun aborted = run("rollout", "abort", id, "--reason", "bad build", "--token", rig.token());
    assertThat(aborted.exitCode()).as(aborted.err()).isZero();
    assertThat(awaitStatus(id, "Aborted").out()).contains("why: aborted: bad build", "Skipped");
  }

  @Test
  void mistakesAreOneLineErrorsWithUsageExitCodes() {
    CliRun noToken =
        CliRun.of("rollout", "start", "--version", "0.1.0", "--service", rig.service());
    assertThat(noToken.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noToken.err().trim())
        .isEqualTo("vsekai: rollouts need the publisher token: --token or NEBULA_PUBLISHER_TOKEN");

    CliRun badWaves =
        run("rollout", "start", "--version", "0.1.0", "--waves", "50,10", "--token", rig.token());
    assertThat(badWaves.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badWaves.err().trim())
        .isEqualTo(
            "vsekai: wave percentages must rise strictly from 1 to 100, e.g. 1,10,50,100; not [50, 10]");

    CliRun unknown = run("rollout", "start", "--version", "9.9.9", "--token", rig.token());
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(unknown.err().trim()).isEqualTo("vsekai: v-sekai 9.9.9 does not exist");

    CliRun badDuration =
        run(
            "rollout",
            "start",
            "--version",
            "0.1.0",
            "--wave-deadline",
            "soon",
            "--token",
            rig.token());
    assertThat(badDuration.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badDuration.err()).contains("'soon' is not a duration");

    CliRun bothTimes =
        run(
            "rollout",
            "schedule",
            "--version",
            "0.1.0",
            "--at",
            "2030-01-01T00:00:00Z",
            "--cron",
            "0 9 * * *",
            "--token",
            rig.token());
    assertThat(bothTimes.exitCode()).isEqualTo(ExitCodes.USAGE);

    CliRun past =
        run(
            "rollout",
            "schedule",
            "--version",
            "0.1.0",
            "--at",
            "2001-01-01T00:00:00Z",
            "--token",
            rig.token());
    assertThat(past.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(past.err().trim())
        .isEqualTo("vsekai: startAt 2001-01-01T00:00:00Z is not in the future");

    CliRun missing =
        run("rollout", "status", "00000000-0000-4000-8000-000000000000", "--token", rig.token());
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  /**
   * Registers installs until the service picks an id in wave buckets of the first 1% (about one in
   * a hundred), then has that one follow stable; the others stay in a mode no rollout here targets.
   */
  private void registerAnOfflineInstallInTheFirstPercent() {
    ServiceClient anonymous = new ServiceClient(rig.nebula.baseUrl(), null);
    new ServiceClient(rig.nebula.baseUrl(), rig.token()).createMode("parked");
    for (int n = 0; n < 3_000; n++) {
      InstallRegistered install =
          anonymous.registerInstall(new InstallRegistration("v-sekai", "parked", null));
      if (WaveBuckets.reaches(1, install.installId().toString())) {
        new ServiceClient(rig.nebula.baseUrl(), install.credential())
            .switchMode(install.installId().toString(), "stable");
        return;
      }
    }
    throw new AssertionError("no install of 3,000 fell in the first 1% of wave buckets");
  }

  /** Waits until wave 1 has triggered its installs and waits for them, as the rollout says. */
  private void awaitFirstWaveWaiting(String id) throws InterruptedException {
    WorkflowClient support = SupportTemporal.connect(rig.temporal.address());
    try {
      RolloutWorkflow rollout =
          support.newWorkflowStub(RolloutWorkflow.class, RolloutIds.workflowId(id));
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (rollout.progress().waves().get(0).deadlineAt() == null) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("wave 1 of rollout " + id + " never finished triggering");
        }
        Thread.sleep(100);
      }
    } finally {
      support.getWorkflowServiceStubs().shutdown();
    }
  }

  private CliRun awaitStatus(String id, String state) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    CliRun last = null;
    while (System.nanoTime() < deadline) {
      last = run("rollout", "status", id, "--token", rig.token());
      if (last.out().startsWith("rollout " + id + ": v-sekai 0.1.0 to mode ")
          && last.out().lines().findFirst().orElse("").endsWith(", " + state)) {
        return last;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "rollout "
            + id
            + " never reached "
            + state
            + "; last: "
            + (last == null ? null : last.out() + last.err()));
  }
}
