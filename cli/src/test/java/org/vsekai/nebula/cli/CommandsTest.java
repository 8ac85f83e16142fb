package org.vsekai.nebula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.activities.local.Json;
import org.vsekai.nebula.activities.testing.Builds;
import org.vsekai.nebula.desync.testing.TestData;
import picocli.CommandLine;

/**
 * Every command through picocli against a real embedded service and Temporal: output, exit code and
 * bad arguments. The tests share one install and run in order, as a player's session would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("integration")
class CommandsTest {
  @TempDir static Path dir;
  private CliRig rig;
  private Path v1;
  private Path v2;
  private String launcher;

  @BeforeAll
  void start() throws Exception {
    rig = new CliRig(dir);
    v1 = Builds.v1(dir.resolve("build-v1"));
    v2 = Builds.v2(v1, dir.resolve("build-v2"));
    launcher = dir.resolve("launcher").toString();
  }

  @AfterAll
  void stop() throws Exception {
    rig.close();
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  @Order(1)
  void helpAndVersion() {
    CliRun help = run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("--update=DIR")
        .contains("mode")
        .contains("publish")
        .contains("demo")
        .contains("Exit codes");
    CliRun version = run("--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("vsekai 0.1.0");
    CliRun unknown = run("--frobnicate");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("Unknown option: '--frobnicate'");
    assertThat(run("mode").out()).contains("switch").contains("current").contains("list");
  }

  @Test
  void everyCommandAnswersHelpWithItsUsageAndDoesNothingElse() {
    List<String> paths = new ArrayList<>();
    collectCommands(VsekaiCommand.commandLine(), List.of(), paths);
    assertThat(paths).contains("mode switch", "rollout abort", "desync make", "publish");
    for (String path : paths) {
      List<String> args = new ArrayList<>(List.of(path.split(" ")));
      args.add("--help");
      CliRun help = run(args.toArray(String[]::new));
      assertThat(help.exitCode()).as(path).isZero();
      assertThat(help.out()).as(path).startsWith("Usage: vsekai " + path + " ");
      assertThat(help.err()).as(path).isEmpty();
    }
  }

  private static void collectCommands(CommandLine command, List<String> parents, List<String> out) {
    for (var e : command.getSubcommands().entrySet()) {
      // An alias answers with its command's usage; the command itself is walked.
      if (!e.getKey().equals(e.getValue().getCommandName())) {
        continue;
      }
      List<String> path = new ArrayList<>(parents);
      path.add(e.getKey());
      out.add(String.join(" ", path));
      collectCommands(e.getValue(), path, out);
    }
  }

  @Test
  @Order(2)
  void publishChecksItsArgumentsThenPublishes() {
    CliRun noToken = run(rig.with("publish", "--version", "0.1.0", v1.toString()));
    assertThat(noToken.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noToken.err()).contains("needs the publisher token");
    CliRun badVersion =
        run(rig.with("publish", "--token", rig.token(), "--version", "one", v1.toString()));
    assertThat(badVersion.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badVersion.err()).contains("'one' is not a semantic version");
    CliRun wrongToken =
        run(rig.with("publish", "--token", "nope", "--version", "0.1.0", v1.toString()));
    assertThat(wrongToken.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(wrongToken.err().lines()).hasSize(1);
    CliRun ok =
        run(rig.with("publish", "--token", rig.token(), "--version", "0.1.0", v1.toString()));
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("Published v-sekai 0.1.0 to stable: 5 files");
    CliRun again =
        run(rig.with("publish", "--token", rig.token(), "--version", "0.1.0", v1.toString()));
    assertThat(again.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(again.err()).contains("0.1.0");
  }

  @Test
  @Order(3)
  void installCreatesRegistersAndInstalls() {
    CliRun install = run(rig.with("install", launcher));
    assertThat(install.exitCode()).as(install.err()).isZero();
    assertThat(install.err()).contains("pinned the service's signing key");
    assertThat(install.out())
        .contains("Created install")
        .contains("Updated " + launcher + " from nothing to 0.1.0");
    assertThat(Path.of(launcher, "current", "data", "world.pck")).exists();
    CliRun twice = run(rig.with("install", launcher));
    assertThat(twice.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(twice.err()).contains("is already an install");
  }

  @Test
  @Order(4)
  void modes() {
    CliRun list = run(rig.with("mode", "list"));
    assertThat(list.exitCode()).isZero();
    assertThat(list.out().lines()).contains("stable", "beta");
    assertThat(run(rig.with("mode", "list", "--json")).out())
        .startsWith("[")
        .contains("\"name\":\"beta\"");
    assertThat(run(rig.with("mode", "current", "--dir", launcher)).out().trim())
        .isEqualTo("stable");
    CliRun nope = run(rig.with("mode", "switch", "--mode_name", "nightly", "--dir", launcher));
    assertThat(nope.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(nope.err()).contains("offers no mode 'nightly' (modes: ").contains("stable");
    CliRun toBeta = run(rig.with("mode", "switch", "--mode_name", "beta", "--dir", launcher));
    assertThat(toBeta.exitCode()).as(toBeta.err()).isZero();
    assertThat(toBeta.out()).contains("from stable to beta");
    assertThat(run(rig.with("mode", "current", "--dir", launcher)).out().trim()).isEqualTo("beta");
    assertThat(run(rig.with("mode", "current", "--json", "--dir", launcher)).out())
        .contains("\"mode\":\"beta\"");
    assertThat(
            run(rig.with("mode", "switch", "--mode_name", "stable", "--dir", launcher)).exitCode())
        .isZero();
    CliRun missing = run(rig.with("mode", "switch"));
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("Missing required option: '--mode_name=NAME'");
  }

  @Test
  @Order(5)
  void statusAndUpToDate() {
    CliRun status = run(rig.with("status", launcher));
    assertThat(status.exitCode()).isZero();
    assertThat(status.out())
        .contains("version   0.1.0 of v-sekai, mode stable")
        .contains("UpdateSuccessful");
    assertThat(run(rig.with("status", "--json", launcher)).out()).contains("\"version\":\"0.1.0\"");
    CliRun upToDate = run(rig.with("--update", launcher));
    assertThat(upToDate.exitCode()).isZero();
    assertThat(upToDate.out()).contains("is up to date (0.1.0 in mode stable)");
  }

  @Test
  @Order(6)
  void updateToTheNextVersion() {
    assertThat(
            run(rig.with("publish", "--token", rig.token(), "--version", "0.2.0", v2.toString()))
                .exitCode())
        .isZero();
    CliRun update = run(rig.with("--update", launcher, "--json"));
    assertThat(update.exitCode()).as(update.err()).isZero();
    assertThat(update.out())
        .contains("\"event\":\"result\"")
        .contains("\"outcome\":\"UPDATED\"")
        .contains("\"toVersion\":\"0.2.0\"");
  }

  @Test
  @Order(7)
  void verifyAndRepair() throws Exception {
    assertThat(run(rig.with("verify", launcher)).out())
        .contains("0.2.0: 5 files")
        .contains("0 damaged");
    Path world = Path.of(launcher, "current", "data", "world.pck");
    byte[] b = Files.readAllBytes(world);
    b[12345] ^= 0x55;
    Files.write(world, b);
    CliRun verify = run(rig.with("verify", launcher));
    assertThat(verify.exitCode()).isEqualTo(ExitCodes.INVALID_DATA);
    assertThat(verify.out()).contains("data/world.pck 1 chunk(s) differ");
    assertThat(verify.err()).contains("1 file(s) do not match the installed release");
    CliRun repair = run(rig.with("repair", launcher));
    assertThat(repair.exitCode()).as(repair.err()).isZero();
    assertThat(repair.out()).contains("(repaired)").contains("repaired with");
    assertThat(run(rig.with("verify", launcher)).exitCode()).isZero();
  }

  @Test
  @Order(8)
  void pauseResumeAndCancelAWatchedUpdate() throws Exception {
    assertThat(run(rig.with("pause", launcher)).err())
        .contains("no update of " + launcher + " is running");
    Path v3 = dir.resolve("build-v3");
    Builds.copy(v2, v3);
    Files.write(v3.resolve("data/big.pck"), TestData.random(77, 3 << 20));
    assertThat(
            run(rig.with("publish", "--token", rig.token(), "--version", "0.3.0", v3.toString()))
                .exitCode())
        .isZero();
    CompletableFuture<CliRun> slow =
        CompletableFuture.supplyAsync(
            () -> run(rig.with("--update", launcher, "--max-rate", "200K")));
    awaitState("DownloadingUpdate");
    CliRun pause = run(rig.with("pause", launcher));
    assertThat(pause.exitCode()).as(pause.err()).isZero();
    assertThat(pause.out()).contains("to pause");
    awaitOutput(() -> run(rig.with("status", launcher)).out(), "paused (vsekai resume to go on)");
    assertThat(run(rig.with("resume", launcher)).exitCode()).isZero();
    CliRun cancel = run(rig.with("cancel", launcher));
    assertThat(cancel.exitCode()).as(cancel.err()).isZero();
    CliRun watched = slow.get();
    assertThat(watched.exitCode()).isEqualTo(ExitCodes.CANCELLED);
    assertThat(watched.out()).contains("was cancelled; the install is unchanged (0.2.0)");
    assertThat(run(rig.with("verify", launcher)).out()).contains("0.2.0: 5 files");
  }

  @Test
  @Order(9)
  void badUpdateArguments() {
    CliRun rate = run(rig.with("--update", launcher, "--max-rate", "fast"));
    assertThat(rate.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(rate.err()).contains("'fast' is not a rate");
    CliRun notInstall = run(rig.with("--update", dir.resolve("nowhere").toString()));
    assertThat(notInstall.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(notInstall.err()).contains("is not a Nebula install");
    CliRun noGateway = run("--update", launcher, "--gateway", "127.0.0.1:1");
    assertThat(noGateway.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(noGateway.err()).contains("cannot reach the install gateway at 127.0.0.1:1");
    CliRun plainToTheWorld =
        run(
            "--update",
            launcher,
            "--gateway",
            "gateway.example.org:7243",
            "--service",
            "http://updates.example.org/");
    assertThat(plainToTheWorld.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(plainToTheWorld.err()).contains("refusing to send a credential in plain HTTP");
    CliRun launchNothing = run("launch", dir.resolve("nowhere").toString());
    assertThat(launchNothing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(launchNothing.err()).contains("is not a Nebula install");
    CliRun retryForever =
        run(rig.with("install", "--retry-for", "100000", dir.resolve("never").toString()));
    assertThat(retryForever.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(retryForever.err()).contains("--retry-for must be between 0 and 720 hours");
    assertThat(dir.resolve("never")).doesNotExist();
    CliRun noService = run("mode", "list", "--service", "http://127.0.0.1:1/");
    assertThat(noService.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(noService.err().lines())
        .singleElement()
        .asString()
        .contains("cannot reach the Nebula service");
  }

  @Test
  @Order(10)
  void releaseEngineersCreateProductsAndModes() {
    CliRun noToken = run(rig.with("mode", "create", "nightly"));
    assertThat(noToken.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noToken.err()).contains("needs the publisher token");
    CliRun mode = run(rig.with("mode", "create", "--token", rig.token(), "nightly"));
    assertThat(mode.exitCode()).as(mode.err()).isZero();
    assertThat(mode.out()).startsWith("Mode nightly valid from ");
    assertThat(run(rig.with("mode", "list")).out().lines()).contains("nightly");
    CliRun product = run(rig.with("product", "create", "--token", rig.token(), "v-sekai-tools"));
    assertThat(product.exitCode()).as(product.err()).isZero();
    assertThat(run(rig.with("product", "list")).out().lines()).contains("v-sekai", "v-sekai-tools");
    CliRun bad = run(rig.with("mode", "create", "--token", rig.token(), "no spaces allowed"));
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
    CliRun unknownProduct =
        run(
            rig.with(
                "publish",
                "--token",
                rig.token(),
                "--product",
                "nope",
                "--version",
                "1.0.0",
                v1.toString()));
    assertThat(unknownProduct.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(unknownProduct.err()).contains("create it first");
  }

  @Test
  @Order(11)
  void theBackgroundWorkerRunsTheLauncherAndFollowsAModeSwitch() throws Exception {
    CompletableFuture<CliRun> worker = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> worker.complete(run(rig.with("worker", launcher))), "vsekai-worker-under-test");
    t.start();
    String installId =
        Json.mapper()
            .readTree(Path.of(launcher, ".nebula", "install.json").toFile())
            .path("installId")
            .asText();
    // The test looks at Temporal as support staff would; the player's commands never do.
    var client = SupportTemporal.connect(rig.temporal.address());
    try {
      var launcherStub = client.newUntypedWorkflowStub("launcher-" + installId);
      awaitOutput(() -> describeStatus(launcherStub), "RUNNING");
      String firstRun = launcherStub.describe().getExecution().getRunId();
      assertThat(
              run(rig.with("mode", "switch", "--mode_name", "beta", "--dir", launcher)).exitCode())
          .isZero();
      // The service tells the running launcher, on its own worker; the run goes on.
      awaitOutput(
          () ->
              client.fetchHistory("launcher-" + installId, firstRun).getEvents().stream()
                      .anyMatch(
                          e ->
                              e.hasWorkflowExecutionSignaledEventAttributes()
                                  && e.getWorkflowExecutionSignaledEventAttributes()
                                      .getSignalName()
                                      .equals("switchMode"))
                  ? "signalled"
                  : "not yet",
          "signalled");
      assertThat(launcherStub.describe().getExecution().getRunId()).isEqualTo(firstRun);
      assertThat(describeStatus(launcherStub)).contains("RUNNING");
    } finally {
      t.interrupt();
      t.join(30_000);
      client.getWorkflowServiceStubs().shutdown();
    }
    assertThat(worker.get().out()).contains("vsekai worker serving " + launcher);
  }

  private static String describeStatus(WorkflowStub stub) {
    try {
      return stub.describe().getStatus().name();
    } catch (RuntimeException notYet) {
      return "none";
    }
  }

  private void awaitState(String state) throws InterruptedException {
    awaitOutput(
        () -> run(rig.with("status", "--json", launcher)).out(),
        "\"updateState\":\"" + state + "\"");
  }

  private static void awaitOutput(Supplier<String> output, String expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    String last = "";
    while (System.nanoTime() < deadline) {
      last = output.get();
      if (last.contains(expected)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("never saw '" + expected + "'; last: " + last);
  }
}
