package org.vsekai.nebula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built ./vsekai as a separate process: what a player's shell sees. */
class VsekaiProcessIT {
  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  private static Result vsekai(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(VsekaiScript.path().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("VSEKAI_NO_REBUILD", "1"); // the build under test, not a rebuild
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    return new Result(p.exitValue(), out, err);
  }

  @Test
  void helpVersionAndModeListAgainstARunningService() throws Exception {
    Result help = vsekai("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("Usage: vsekai").contains("--update=DIR").contains("mode");

    Result version = vsekai("--version");
    assertThat(version.code()).isZero();
    assertThat(version.out()).startsWith("vsekai 0.1.0");

    try (CliRig rig = new CliRig(dir)) {
      Result modes = vsekai("mode", "list", "--service", rig.service());
      assertThat(modes.code()).as(modes.err()).isZero();
      assertThat(modes.out().lines()).contains("stable", "beta");
    }

    Result down = vsekai("mode", "list", "--service", "http://127.0.0.1:1/");
    assertThat(down.code()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(down.err().lines())
        .singleElement()
        .asString()
        .startsWith("vsekai: cannot reach the Nebula service");
  }
}
