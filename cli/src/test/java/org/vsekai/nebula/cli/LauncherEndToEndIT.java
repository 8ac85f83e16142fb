package org.vsekai.nebula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.activities.LocalProgress;
import org.vsekai.nebula.activities.local.Json;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.cli.commands.PublishCommand;
import org.vsekai.nebula.cli.demo.GodotSampleGame;
import org.vsekai.nebula.cli.local.LocalApiFile;
import org.vsekai.nebula.desync.ChunkSizes;
import org.vsekai.nebula.desync.testing.ExternalTool;
import org.vsekai.nebula.desync.testing.TestData;

/**
 * The launcher as a player uses it, under Xvfb: the real Godot GUI starts the install's worker, a
 * key press on Update runs a real update of the sample game against the embedded service and
 * Temporal, the service goes away and the launcher offers Retry, and Play starts the updated game.
 * Assertions read the launcher's own state (--state-out) and the install folder; screenshots are
 * kept in target/launcher-screenshots.
 */
class LauncherEndToEndIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SCREENSHOTS =
      Path.of("target", "launcher-screenshots").toAbsolutePath();
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();

  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();
  private CliRig rig;
  private Path launcherDir;

  @AfterEach
  void stop() throws Exception {
    if (launcherDir != null) {
      LocalApiFile.read(new LauncherFolder(launcherDir))
          .flatMap(f -> ProcessHandle.of(f.pid()))
          .ifPresent(ProcessHandle::destroy);
    }
    for (Process p : processes) {
      p.destroyForcibly();
    }
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void theLauncherUpdatesTheSampleGameAndPlaysIt() throws Exception {
    ExternalTool.require("godot3");
    ExternalTool.require("godot3-server");
    ExternalTool.require("godot3-runner");
    ExternalTool xvfb = ExternalTool.require("Xvfb");
    ExternalTool xdotool = ExternalTool.require("xdotool");
    Files.createDirectories(SCREENSHOTS);
    try (var old = Files.list(SCREENSHOTS)) {
      for (Path p : old.toList()) {
        Files.delete(p);
      }
    }
    String display = ":" + (90 + (int) (ProcessHandle.current().pid() % 50));
    processes.add(
        new ProcessBuilder(
                xvfb.path().toString(), display, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("xvfb.log").toFile())
            .start());
    Thread.sleep(1000);

    rig = new CliRig(dir);
    ServiceClient publisher = new ServiceClient(rig.nebula.baseUrl(), rig.token());
    GodotSampleGame game = GodotSampleGame.find(REPO.resolve("sample-game")).orElseThrow();
    Path v1 = dir.resolve("builds/0.1.0");
    game.export(v1, "0.1.0", false);
    TestData.write(v1.resolve("data/assets.pck"), TestData.random(11, 4 << 20));
    Path v2 = dir.resolve("builds/0.2.0");
    game.export(v2, "0.2.0", true);
    TestData.write(v2.resolve("data/assets.pck"), TestData.random(12, 12 << 20));
    PublishCommand.publish(
        publisher,
        "v-sekai",
        "0.1.0",
        "stable",
        GodotSampleGame.EXECUTABLE,
        ChunkSizes.DEFAULT,
        v1);
    launcherDir = dir.resolve("launcher");
    CliRun install =
        CliRun.of(rig.with("install", "--no-auto", "--max-rate", "3M", launcherDir.toString()));
    assertThat(install.exitCode()).as(install.err()).isZero();
    PublishCommand.publish(
        publisher,
        "v-sekai",
        "0.2.0",
        "stable",
        GodotSampleGame.EXECUTABLE,
        ChunkSizes.DEFAULT,
        v2,
        "V-Sekai 0.2.0: a ring of lights around the V.");

    Path stateOut = dir.resolve("launcher-state.json");
    ProcessBuilder gui =
        new ProcessBuilder(
                "godot3",
                "--path",
                REPO.resolve("launcher").toString(),
                "--",
                "--install",
                launcherDir.toString(),
                "--vsekai",
                VsekaiScript.path().toString(),
                "--state-out",
                stateOut.toString(),
                "--screenshot-dir",
                SCREENSHOTS.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("launcher.log").toFile());
    gui.environment().put("DISPLAY", display);
    gui.environment().put("LANG", "en_US.UTF-8");
    gui.environment()
        .put("VSEKAI_SAMPLE_SCREENSHOT", SCREENSHOTS.resolve("game-after-play.png").toString());
    long started = System.nanoTime();
    processes.add(gui.start());
    await(stateOut, v -> v.has("state_key"), Duration.ofSeconds(30), "the launcher's first screen");
    double toScreen = (System.nanoTime() - started) / 1e9;
    JsonNode ready =
        await(
            stateOut,
            v -> "0.1.0".equals(v.path("version").asText()) && v.path("update").asBoolean(),
            Duration.ofSeconds(90),
            "the worker's first answer, Update offered");
    double toInteractive = (System.nanoTime() - started) / 1e9;
    assertThat(ready.path("play").asBoolean()).as("play without updating").isTrue();
    await(
        stateOut,
        v -> v.path("notes").asText().contains("0.2.0: a ring of lights"),
        Duration.ofSeconds(30),
        "the release notes of the version on offer, before updating");
    requestScreenshot("01-idle.png");

    // The player presses Update (it has the keyboard focus).
    String window =
        xdotoolIn(display, xdotool, "search", "--sync", "--name", "V-Sekai Launcher")
            .trim()
            .split("\n")[0];
    xdotoolIn(display, xdotool, "windowfocus", "--sync", window);
    xdotoolIn(display, xdotool, "key", "space");
    JsonNode downloading =
        await(
            stateOut,
            v ->
                "STATE_DOWNLOADING".equals(v.path("state_key").asText())
                    && v.path("progress").asDouble() > 0.1,
            Duration.ofSeconds(120),
            "the download under way with progress shown");
    assertThat(downloading.path("play").asBoolean()).as("no Play while the update runs").isFalse();
    assertThat(downloading.path("pause").asBoolean()).isTrue();
    requestScreenshot("02-downloading.png");
    List<Long> latencies = progressLatencies(stateOut, launcherDir, Duration.ofSeconds(3));

    await(
        stateOut,
        v ->
            "STATE_SUCCESS".equals(v.path("state_key").asText())
                && "0.2.0".equals(v.path("version").asText()),
        Duration.ofSeconds(180),
        "the update done, 0.2.0 installed");
    requestScreenshot("03-updated.png");
    assertThat(Files.readString(launcherDir.resolve("current/" + GodotSampleGame.EXECUTABLE)))
        .contains("godot3-runner");

    // The service goes away: the launcher says so and offers Retry; the game still plays.
    rig.nebula.close();
    JsonNode offline =
        await(
            stateOut,
            v -> "STATE_OFFLINE".equals(v.path("state_key").asText()),
            Duration.ofSeconds(90),
            "offline");
    assertThat(offline.path("action").asText()).isEqualTo("retry");
    assertThat(offline.path("play").asBoolean()).isTrue();
    requestScreenshot("04-service-stopped-retry.png");

    // Play is left of Update: shift+Tab, then space.
    xdotoolIn(display, xdotool, "key", "shift+Tab");
    xdotoolIn(display, xdotool, "key", "space");
    Path gameShot = SCREENSHOTS.resolve("game-after-play.png");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.exists(gameShot) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(gameShot).as("the game started by Play saved its screen").exists();
    assertThat(Files.readString(SCREENSHOTS.resolve("game-after-play.png.txt")))
        .contains("V-Sekai sample 0.2.0 ready with the ring");

    System.out.printf(
        "launcher: first screen %.1f s, interactive (worker answering) %.1f s after start;"
            + " progress latency worker->screen ms: %s; sample game pack %d bytes, update download %s%n",
        toScreen,
        toInteractive,
        latencies,
        Files.size(v2.resolve("v-sekai.pck")),
        Files.readString(stateOut));
  }

  private String xdotoolIn(String display, ExternalTool xdotool, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(xdotool.path().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("DISPLAY", display);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", args) + ": " + out).isZero();
    return out;
  }

  private void requestScreenshot(String name) throws Exception {
    Files.writeString(SCREENSHOTS.resolve("take"), name);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!Files.exists(SCREENSHOTS.resolve(name)) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(SCREENSHOTS.resolve(name)).exists();
  }

  /**
   * How long each new byte count of the worker's progress file took to reach the launcher's screen,
   * in milliseconds, sampled for {@code window}.
   */
  private static List<Long> progressLatencies(Path stateOut, Path install, Duration window)
      throws Exception {
    Map<Long, Long> seenInWorker = new HashMap<>();
    List<Long> latencies = new ArrayList<>();
    long end = System.nanoTime() + window.toNanos();
    Path progress = new LauncherFolder(install).progressFile();
    while (System.nanoTime() < end) {
      try {
        Json.read(progress, LocalProgress.class)
            .ifPresent(p -> seenInWorker.putIfAbsent(p.bytesDone(), System.nanoTime()));
      } catch (IOException e) {
        // being replaced
      }
      JsonNode v = read(stateOut);
      if (v != null) {
        Long at = seenInWorker.remove(v.path("bytes_done").asLong(-1));
        if (at != null) {
          latencies.add((System.nanoTime() - at) / 1_000_000);
        }
      }
      Thread.sleep(10);
    }
    return latencies;
  }

  private static JsonNode await(
      Path stateOut, Predicate<JsonNode> condition, Duration timeout, String what)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      JsonNode v = read(stateOut);
      if (v != null) {
        last = v;
        if (condition.test(v)) {
          return v;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting for " + what + "; the launcher showed " + last);
  }

  private static JsonNode read(Path stateOut) {
    try {
      return JSON.readTree(Files.readAllBytes(stateOut));
    } catch (IOException e) {
      return null; // not written yet, or being written
    }
  }
}
