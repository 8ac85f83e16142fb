package org.vsekai.nebula.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.desync.testing.ExternalTool;

/**
 * The V-Sekai sample game exported by the real Godot 3.2 and run by Debian's runner under Xvfb, as
 * the demo publishes it: each release shows its version, and the second its ring of lights.
 */
@Tag("integration")
class SampleGameTest {
  static final Path PROJECT = Path.of("..", "sample-game").toAbsolutePath().normalize();
  static final Path SCREENSHOTS = Path.of("target", "sample-game-screenshots");

  @TempDir Path dir;

  @Test
  void bothReleasesExportAndRunShowingTheirVersion() throws Exception {
    ExternalTool.require("godot3-server");
    ExternalTool.require("godot3-runner");
    ExternalTool xvfb = ExternalTool.require("xvfb-run");
    GodotSampleGame game = GodotSampleGame.find(PROJECT).orElseThrow();
    Files.createDirectories(SCREENSHOTS);
    String[][] releases = {{"0.1.0", "false"}, {"0.2.0", "true"}};
    for (String[] r : releases) {
      Path release = dir.resolve(r[0]);
      game.export(release, r[0], Boolean.parseBoolean(r[1]));
      Path shot = SCREENSHOTS.resolve("sample-" + r[0] + ".png").toAbsolutePath();
      Files.deleteIfExists(shot);
      ExternalTool.Run run =
          xvfb.runAllowingFailure(
              release,
              Duration.ofMinutes(2),
              "-a",
              "-s",
              "-screen 0 1024x768x24",
              release.resolve(GodotSampleGame.EXECUTABLE).toString(),
              "--screenshot",
              shot.toString());
      assertThat(run.stdout())
          .as(run.stderr())
          .contains(
              "V-Sekai sample " + r[0] + " ready" + (r[1].equals("true") ? " with the ring" : ""));
      assertThat(shot).exists();
      System.out.printf(
          "sample game %s: pack %d bytes, screenshot %s%n",
          r[0], Files.size(release.resolve(GodotSampleGame.PACK)), shot);
    }
  }
}
