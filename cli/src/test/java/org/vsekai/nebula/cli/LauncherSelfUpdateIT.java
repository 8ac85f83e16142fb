package org.vsekai.nebula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.cli.commands.BundleCommand;
import org.vsekai.nebula.cli.commands.PublishCommand;
import org.vsekai.nebula.desync.ChunkSizes;
import org.vsekai.nebula.desync.testing.ExternalTool;

/**
 * The launcher bundle updates itself through the same workflow as a game: published as
 * v-sekai-launcher, installed, and opened from its install while a newer bundle is on offer. The
 * new version is switched in while the launcher runs, the running one keeps its own release folder
 * until it exits, and the next start is the new version.
 */
class LauncherSelfUpdateIT {
  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();
  private CliRig rig;

  @AfterEach
  void stop() throws Exception {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void theLauncherUpdatesItselfAndTheNewVersionRunsAtTheNextStart() throws Exception {
    ExternalTool.require("godot3");
    ExternalTool xvfb = ExternalTool.require("Xvfb");
    String display = ":" + (40 + (int) (ProcessHandle.current().pid() % 40));
    processes.add(
        new ProcessBuilder(xvfb.path().toString(), display, "-screen", "0", "1024x768x24")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("xvfb.log").toFile())
            .start());
    rig = new CliRig(dir);
    ServiceClient publisher = new ServiceClient(rig.nebula.baseUrl(), rig.token());
    publisher.createProduct(BundleCommand.PRODUCT);

    Path first = dir.resolve("bundle-1.0.0");
    run(VsekaiScript.path(), "bundle", "--version", "1.0.0", first.toString());
    PublishCommand.publish(
        publisher, BundleCommand.PRODUCT, "1.0.0", "stable", "vsekai", ChunkSizes.DEFAULT, first);
    Path bundle = dir.resolve("launcher-bundle");
    CliRun install =
        CliRun.of(
            rig.with(
                "install", "--product", BundleCommand.PRODUCT, "--no-auto", bundle.toString()));
    assertThat(install.exitCode()).as(install.err()).isZero();
    assertThat(Files.readString(bundle.resolve("current/VERSION"))).isEqualTo("1.0.0\n");

    // The next bundle, made by the installed one, as a release engineer's launcher would.
    Path second = dir.resolve("bundle-1.1.0");
    run(bundle.resolve("current/vsekai"), "bundle", "--version", "1.1.0", second.toString());
    PublishCommand.publish(
        publisher, BundleCommand.PRODUCT, "1.1.0", "stable", "vsekai", ChunkSizes.DEFAULT, second);
    Path oldRelease = bundle.resolve("current").toRealPath();

    ProcessBuilder gui =
        new ProcessBuilder(
                bundle.resolve("current/vsekai").toString(), "gui", dir.resolve("game").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("gui.log").toFile());
    gui.environment().put("DISPLAY", display);
    Process launcher = gui.start();
    processes.add(launcher);

    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (!Files.readString(bundle.resolve("current/VERSION")).equals("1.1.0\n")
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(Files.readString(bundle.resolve("current/VERSION")))
        .as(
            "the bundle updated itself while the launcher ran; log: %s",
            Files.exists(bundle.resolve(".nebula/self-update.log"))
                ? Files.readString(bundle.resolve(".nebula/self-update.log"))
                : "none")
        .isEqualTo("1.1.0\n");
    assertThat(launcher.isAlive()).as("the running launcher was not touched").isTrue();
    assertThat(oldRelease).as("the running launcher's release stays while it runs").isDirectory();
    assertThat(Files.readString(oldRelease.resolve("VERSION"))).isEqualTo("1.0.0\n");

    // The player closes the launcher; the next start is 1.1.0, and the old release goes.
    launcher.descendants().forEach(ProcessHandle::destroy);
    launcher.destroy();
    launcher.waitFor();
    CliRun verify = CliRun.of("verify", bundle.toString());
    assertThat(verify.exitCode()).as(verify.err()).isZero();
    try (Stream<Path> releases = Files.list(bundle.resolve("versions"))) {
      assertThat(releases.filter(p -> !p.getFileName().toString().startsWith("."))).hasSize(1);
    }
    assertThat(oldRelease).doesNotExist();
    String next = run(bundle.resolve("current/vsekai"), "--version");
    assertThat(next).startsWith("vsekai");
  }

  private String run(Path vsekai, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(vsekai.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
    return out;
  }
}
