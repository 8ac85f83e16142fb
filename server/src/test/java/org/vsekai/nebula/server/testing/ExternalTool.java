package org.vsekai.nebula.server.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An outside program a test runs. Missing: the test is skipped with the reason, except under {@code
 * CI=true}, where a missing tool fails the build instead of quietly testing less.
 */
public final class ExternalTool {
  private final Path binary;

  private ExternalTool(Path binary) {
    this.binary = binary;
  }

  public static ExternalTool require(String name) {
    Optional<Path> found = find(name);
    if (found.isEmpty()) {
      String reason = name + " is not installed (scripts/install-tools.sh installs it)";
      if ("true".equals(System.getenv("CI"))) fail(reason + "; CI=true requires it");
      assumeTrue(false, reason);
    }
    return new ExternalTool(found.get());
  }

  private static Optional<Path> find(String name) {
    List<Path> dirs = new ArrayList<>();
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!d.isEmpty()) dirs.add(Path.of(d));
    }
    dirs.add(Path.of(System.getProperty("user.home"), "go", "bin"));
    return dirs.stream().map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst();
  }

  /** Output and exit code of a finished run. */
  public record Run(int exitCode, String output) {}

  /** Runs the tool with {@code args}, failing the test if it does not exit 0 within two minutes. */
  public Run run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + " did not finish in two minutes");
    }
    Run run = new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    if (run.exitCode() != 0)
      fail(String.join(" ", command) + " exited " + run.exitCode() + ":\n" + run.output());
    return run;
  }
}
