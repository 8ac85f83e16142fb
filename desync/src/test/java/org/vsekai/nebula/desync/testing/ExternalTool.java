package org.vsekai.nebula.desync.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real outside program a test runs (casync, desync, temporal). Where it is missing the test is
 * skipped with the reason, except under {@code CI=true}, where a missing tool fails the test so
 * that CI can never pass by skipping.
 */
public final class ExternalTool {
  private final String name;
  private final Path path;

  private ExternalTool(String name, Path path) {
    this.name = name;
    this.path = path;
  }

  /** Finds the tool on PATH or in ~/go/bin, or skips (fails under CI=true) saying how to get it. */
  public static ExternalTool require(String name) {
    Path found = find(name);
    if (found == null) {
      String why =
          name + " is not installed (looked on PATH and in ~/go/bin); run scripts/install-tools.sh";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(why + " -- CI=true, so a missing tool is a failure, not a skip");
      }
      assumeTrue(false, why);
    }
    return new ExternalTool(name, found);
  }

  public static Path find(String name) {
    List<Path> candidates = new ArrayList<>();
    String pathEnv = System.getenv("PATH");
    if (pathEnv != null) {
      for (String dir : pathEnv.split(File.pathSeparator)) {
        candidates.add(Path.of(dir, name));
      }
    }
    candidates.add(Path.of(System.getProperty("user.home"), "go", "bin", name));
    for (Path p : candidates) {
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  public Path path() {
    return path;
  }

  /** Output of a finished run. */
  public record Run(int exitCode, String stdout, String stderr) {}

  /** Runs the tool and returns its output; fails the test if it exits non-zero. */
  public Run run(Path workDir, String... args) {
    Run r = runAllowingFailure(workDir, Duration.ofMinutes(5), args);
    if (r.exitCode() != 0) {
      fail(name + " " + String.join(" ", args) + " exited " + r.exitCode() + ": " + r.stderr());
    }
    return r;
  }

  public Run runAllowingFailure(Path workDir, Duration timeout, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(path.toString());
    cmd.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("tool-out", ".txt");
      Path err = Files.createTempFile("tool-err", ".txt");
      Process p =
          new ProcessBuilder(cmd)
              .directory(workDir == null ? null : workDir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        fail(name + " " + String.join(" ", args) + " did not finish within " + timeout);
      }
      Run r =
          new Run(
              p.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return r;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + cmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
