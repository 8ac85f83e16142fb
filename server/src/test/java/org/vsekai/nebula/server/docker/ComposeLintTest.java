package org.vsekai.nebula.server.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.vsekai.nebula.server.docker.DockerStack.DOCKER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.desync.testing.ExternalTool;

/**
 * The Compose files through the Compose loader itself (compose-spec/compose-go, the code behind
 * `docker compose config`): the Compose JSON schema, interpolation with .env.example, the cluster
 * override merged, profiles, and the loader's consistency checks. nebula-compose-lint is built from
 * docker/lint by scripts/install-tools.sh; without it these tests are skipped, except under
 * CI=true, where they fail. No Docker engine is used and no image is pulled.
 */
@Tag("integration")
class ComposeLintTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The variants an operator starts: single node, three nodes, each with and without the worker.
   */
  private static final List<List<String>> VARIANTS =
      List.of(
          List.of("compose.yml"),
          List.of("compose.yml", "-profile", "worker"),
          List.of("compose.yml", "compose.cockroach-cluster.yml"),
          List.of("compose.yml", "compose.cockroach-cluster.yml", "-profile", "worker"));

  private static JsonNode model(ExternalTool lint, List<String> variant) throws Exception {
    List<String> args = new ArrayList<>(List.of("-env-file", ".env.example", "-format", "json"));
    List<String> files = new ArrayList<>();
    for (int i = 0; i < variant.size(); i++) {
      if (variant.get(i).startsWith("-")) {
        args.addAll(List.of(variant.get(i), variant.get(++i)));
      } else {
        files.add(variant.get(i));
      }
    }
    args.addAll(files);
    ExternalTool.Run run = lint.run(DOCKER, args.toArray(String[]::new));
    return JSON.readTree(run.stdout());
  }

  @Test
  void everyVariantIsAValidComposeProject() throws Exception {
    ExternalTool lint = ExternalTool.require("nebula-compose-lint");
    for (List<String> variant : VARIANTS) {
      JsonNode services = model(lint, variant).get("services");
      Set<String> names = new HashSet<>();
      services.fieldNames().forEachRemaining(names::add);
      assertThat(names)
          .as("%s", variant)
          .contains("cockroach", "temporal", "temporal-ui", "nebula", "nebula-migrate");
      assertThat(names.contains("worker"))
          .as("%s: the worker comes with its profile only", variant)
          .isEqualTo(variant.contains("worker"));
      assertThat(names.contains("cockroach-3"))
          .isEqualTo(variant.contains("compose.cockroach-cluster.yml"));
    }
  }

  @Test
  void theResolvedModelsHaveAHealthCheckOnEveryLongRunningService() throws Exception {
    ExternalTool lint = ExternalTool.require("nebula-compose-lint");
    for (List<String> variant : VARIANTS) {
      JsonNode services = model(lint, variant).get("services");
      Set<String> jobs = new HashSet<>();
      for (JsonNode s : services) {
        JsonNode deps = s.path("depends_on");
        for (Iterator<Map.Entry<String, JsonNode>> it = deps.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> d = it.next();
          if (d.getValue().path("condition").asText().equals("service_completed_successfully")) {
            jobs.add(d.getKey());
          }
        }
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> s = it.next();
        JsonNode test = s.getValue().path("healthcheck").path("test");
        if (jobs.contains(s.getKey())) {
          assertThat(s.getValue().path("restart").asText())
              .as("%s: job %s", variant, s.getKey())
              .isEqualTo("no");
        } else {
          assertThat(test.isArray() && test.size() > 1)
              .as("%s: %s has a health check", variant, s.getKey())
              .isTrue();
        }
      }
    }
  }

  @Test
  void theClusterOverrideTurnsTheSingleNodeIntoOneOfThreeAndPointsTheServiceAtAllOfThem()
      throws Exception {
    ExternalTool lint = ExternalTool.require("nebula-compose-lint");
    JsonNode single = model(lint, VARIANTS.get(0)).get("services");
    JsonNode cluster = model(lint, VARIANTS.get(2)).get("services");

    assertThat(single.path("cockroach").path("command").get(0).asText())
        .isEqualTo("start-single-node");
    for (String node : List.of("cockroach", "cockroach-2", "cockroach-3")) {
      JsonNode command = cluster.path(node).path("command");
      assertThat(command.get(0).asText()).as(node).isEqualTo("start");
      assertThat(command.toString())
          .as(node)
          .contains(
              "--join=cockroach:26257,cockroach-2:26257,cockroach-3:26257",
              "--advertise-addr=" + node + ":26257",
              "--certs-dir=/cockroach/certs");
    }
    assertThat(
            cluster
                .path("cockroach-init-db")
                .path("depends_on")
                .path("cockroach-init")
                .path("condition")
                .asText())
        .isEqualTo("service_completed_successfully");
    for (String service : DockerStack.SERVER_SERVICES) {
      assertThat(single.path(service).path("environment").path("NEBULA_DATABASE_URL").asText())
          .startsWith("jdbc:postgresql://cockroach:26257/nebula?");
      assertThat(cluster.path(service).path("environment").path("NEBULA_DATABASE_URL").asText())
          .startsWith(
              "jdbc:postgresql://cockroach:26257,cockroach-2:26257,cockroach-3:26257/nebula?");
    }
  }

  @Test
  void theSecretsAreRequired(@TempDir Path dir) throws Exception {
    ExternalTool lint = ExternalTool.require("nebula-compose-lint");
    Path empty = Files.writeString(dir.resolve("empty.env"), "");
    ExternalTool.Run run =
        lint.runAllowingFailure(
            DOCKER, Duration.ofMinutes(1), "-env-file", empty.toString(), "compose.yml");
    assertThat(run.exitCode()).as("compose.yml without the passwords").isNotZero();
    assertThat(run.stderr()).contains("PASSWORD", "docker/.env");
  }

  /**
   * Guards against a linter that accepts anything: a misspelt key and a dangling depends_on fail.
   */
  @Test
  void theLinterRejectsWhatComposeWouldReject(@TempDir Path dir) throws Exception {
    ExternalTool lint = ExternalTool.require("nebula-compose-lint");
    Files.writeString(
        dir.resolve("typo.yml"),
        "services:\n  a:\n    image: busybox:1.36\n    healthchek:\n      test: [\"CMD\", \"true\"]\n");
    Files.writeString(
        dir.resolve("dangling.yml"),
        "services:\n  a:\n    image: busybox:1.36\n    depends_on:\n      b:\n        condition: service_healthy\n");
    ExternalTool.Run typo = lint.runAllowingFailure(dir, Duration.ofMinutes(1), "typo.yml");
    assertThat(typo.exitCode()).isNotZero();
    assertThat(typo.stderr()).contains("healthchek");
    ExternalTool.Run dangling = lint.runAllowingFailure(dir, Duration.ofMinutes(1), "dangling.yml");
    assertThat(dangling.exitCode()).isNotZero();
    assertThat(dangling.stderr()).contains("b");
  }

  /**
   * The real `docker compose config`, where the Compose plugin is installed
   * (scripts/install-tools.sh builds it with NEBULA_INSTALL_DOCKER_COMPOSE=1). Optional: skipped
   * without it, even on CI, since nebula-compose-lint runs the same loader.
   */
  @Test
  void dockerComposeConfigAcceptsEveryVariant() {
    Path docker = ExternalTool.find("docker");
    assumeTrue(docker != null, "no docker client; nebula-compose-lint covers the same checks");
    ExternalTool client = ExternalTool.require("docker");
    ExternalTool.Run version =
        client.runAllowingFailure(DOCKER, Duration.ofMinutes(1), "compose", "version");
    assumeTrue(
        version.exitCode() == 0,
        "the docker compose plugin is not installed (NEBULA_INSTALL_DOCKER_COMPOSE=1 scripts/install-tools.sh builds it)");
    for (List<String> variant : VARIANTS) {
      List<String> args = new ArrayList<>(List.of("compose", "--env-file", ".env.example"));
      for (int i = 0; i < variant.size(); i++) {
        if (variant.get(i).equals("-profile")) {
          args.addAll(List.of("--profile", variant.get(++i)));
        } else {
          args.addAll(List.of("-f", variant.get(i)));
        }
      }
      args.addAll(List.of("config", "--quiet"));
      client.run(DOCKER, args.toArray(String[]::new));
    }
  }
}
