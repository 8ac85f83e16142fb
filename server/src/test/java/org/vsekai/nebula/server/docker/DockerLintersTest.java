package org.vsekai.nebula.server.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vsekai.nebula.server.docker.DockerStack.DOCKER;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.desync.testing.ExternalTool;

/**
 * The Dockerfiles through hadolint (with docker/.hadolint.yaml: any finding fails) and the scripts
 * the containers run through shellcheck; neither can run here, so their linters are the check.
 * scripts/install-tools.sh installs both; without them these tests are skipped, except under
 * CI=true, where they fail.
 */
@Tag("integration")
class DockerLintersTest {

  @Test
  void hadolintFindsNothingInTheDockerfiles() {
    ExternalTool hadolint = ExternalTool.require("hadolint");
    ExternalTool.Run run =
        hadolint.runAllowingFailure(
            DOCKER,
            Duration.ofMinutes(2),
            "--config",
            ".hadolint.yaml",
            "--no-color",
            "server.Dockerfile",
            "cli.Dockerfile");
    assertThat(run.exitCode()).as("hadolint:%n%s%s", run.stdout(), run.stderr()).isZero();
  }

  @Test
  void shellcheckFindsNothingInTheScripts() throws IOException {
    ExternalTool shellcheck = ExternalTool.require("shellcheck");
    List<String> args = new ArrayList<>(List.of("--external-sources"));
    try (Stream<Path> files = Files.walk(DOCKER)) {
      files
          .filter(p -> p.toString().endsWith(".sh"))
          .map(p -> DOCKER.relativize(p).toString())
          .sorted()
          .forEach(args::add);
    }
    assertThat(args)
        .as("the scripts of the cockroach, temporal and cli folders")
        .hasSizeGreaterThanOrEqualTo(9);
    ExternalTool.Run run =
        shellcheck.runAllowingFailure(DOCKER, Duration.ofMinutes(2), args.toArray(String[]::new));
    assertThat(run.exitCode()).as("shellcheck:%n%s%s", run.stdout(), run.stderr()).isZero();
  }
}
