package org.vsekai.nebula.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.desync.testing.ExternalTool;

/**
 * The launcher's GDScript: its own tests, headless in the real Godot 3.2 (the adapter, the state
 * logic, the failure messages, the translations), and gdtoolkit's lint and format check.
 */
@Tag("integration")
class LauncherScriptsTest {
  static final Path LAUNCHER = Path.of("..", "launcher").toAbsolutePath().normalize();

  @Test
  void theGdscriptTestsPassHeadless() {
    ExternalTool godot = ExternalTool.require("godot3-server");
    ExternalTool.Run run =
        godot.runAllowingFailure(
            LAUNCHER,
            Duration.ofMinutes(2),
            "--no-window",
            "--path",
            LAUNCHER.toString(),
            "-s",
            "res://tests/run_tests.gd");
    Matcher m = Pattern.compile("(\\d+) passed, (\\d+) failed").matcher(run.stdout());
    assertThat(m.find()).as(run.stdout() + run.stderr()).isTrue();
    System.out.println("launcher GDScript tests: " + m.group());
    assertThat(Integer.parseInt(m.group(2))).as(run.stdout()).isZero();
    assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(15);
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void gdlintAndGdformatAcceptTheProject() {
    ExternalTool gdlint = ExternalTool.require("nebula-gdlint");
    ExternalTool gdformat = ExternalTool.require("nebula-gdformat");
    for (Path project : new Path[] {LAUNCHER, LAUNCHER.resolveSibling("sample-game")}) {
      if (!project.toFile().isDirectory()) {
        continue;
      }
      ExternalTool.Run lint =
          gdlint.runAllowingFailure(project, Duration.ofMinutes(1), project.toString());
      assertThat(lint.exitCode()).as(lint.stdout() + lint.stderr()).isZero();
      ExternalTool.Run format =
          gdformat.runAllowingFailure(
              project, Duration.ofMinutes(1), "--check", project.toString());
      assertThat(format.exitCode()).as(format.stdout() + format.stderr()).isZero();
    }
  }
}
