package org.vsekai.nebula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.desync.testing.ExternalTool;
import org.vsekai.nebula.desync.testing.TestData;

/**
 * ./vsekai --update in a real terminal (a tmux pane): during a slow --max-rate download the
 * progress bar is redrawn in place, one line whose percentage grows, not a scroll of lines.
 */
class ProgressBarTerminalIT {
  private static final Pattern BAR = Pattern.compile("DownloadingUpdate\\s+\\[[#-]+\\]\\s+(\\d+)%");
  @TempDir Path dir;

  @Test
  void theBarUpdatesInPlace() throws Exception {
    ExternalTool tmux = ExternalTool.require("tmux");
    try (CliRig rig = new CliRig(dir)) {
      Path build = dir.resolve("build");
      TestData.write(build.resolve("v-sekai.x86_64"), TestData.random(1, 100_000));
      assertThat(
              CliRun.of(
                      rig.with(
                          "publish",
                          "--token",
                          rig.token(),
                          "--version",
                          "0.1.0",
                          build.toString()))
                  .exitCode())
          .isZero();
      String launcher = dir.resolve("launcher").toString();
      assertThat(CliRun.of(rig.with("install", launcher)).exitCode()).isZero();
      TestData.write(build.resolve("data/world.pck"), TestData.random(2, 3 << 20));
      assertThat(
              CliRun.of(
                      rig.with(
                          "publish",
                          "--token",
                          rig.token(),
                          "--version",
                          "0.2.0",
                          build.toString()))
                  .exitCode())
          .isZero();

      String session = "vsekai-it-" + ProcessHandle.current().pid();
      Path done = dir.resolve("exit-code");
      String command =
          String.format(
              "VSEKAI_NO_REBUILD=1 %s --update %s --max-rate 400K --service %s; echo $? > %s; sleep 600",
              VsekaiScript.path(), launcher, rig.service(), done);
      tmux.run(null, "new-session", "-d", "-s", session, "-x", "200", "-y", "30", command);
      try {
        Set<Integer> percentages = new TreeSet<>();
        List<String> screens = new ArrayList<>();
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!Files.exists(done) && System.nanoTime() < deadline) {
          String screen = tmux.run(null, "capture-pane", "-p", "-t", session).stdout();
          Matcher m = BAR.matcher(screen);
          int bars = 0;
          while (m.find()) {
            bars++;
            percentages.add(Integer.parseInt(m.group(1)));
          }
          assertThat(bars).as("progress lines on one screen:%n%s", screen).isLessThanOrEqualTo(1);
          screens.add(screen);
          Thread.sleep(300);
        }
        String last = tmux.run(null, "capture-pane", "-p", "-t", session).stdout();
        assertThat(Files.readString(done).trim()).as(last).isEqualTo("0");
        assertThat(last).contains("Updated " + launcher + " from 0.1.0 to 0.2.0");
        assertThat(percentages).as("percentages the one bar showed").hasSizeGreaterThanOrEqualTo(3);
        assertThat(screens)
            .as("a screen with a rate and an ETA")
            .anyMatch(x -> x.matches("(?s).*/s  ETA \\d+:\\d\\d.*"));
        System.out.printf("progress bar showed %s over %d screens%n", percentages, screens.size());
      } finally {
        tmux.runAllowingFailure(null, Duration.ofSeconds(10), "kill-session", "-t", session);
      }
    }
  }
}
