package org.vsekai.nebula.server.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vsekai.nebula.server.docker.DockerStack.CLUSTER;
import static org.vsekai.nebula.server.docker.DockerStack.COMPOSE;
import static org.vsekai.nebula.server.docker.DockerStack.COMPOSE_FILES;
import static org.vsekai.nebula.server.docker.DockerStack.DOCKER;
import static org.vsekai.nebula.server.docker.DockerStack.ENV_EXAMPLE;
import static org.vsekai.nebula.server.docker.DockerStack.NEBULA_YML;
import static org.vsekai.nebula.server.docker.DockerStack.REPO;
import static org.vsekai.nebula.server.docker.DockerStack.SERVER_SERVICES;

import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.server.NebulaApplication;
import org.vsekai.nebula.server.NebulaConfiguration;
import org.vsekai.nebula.server.config.ConfigSubstitutor;
import org.vsekai.nebula.server.config.FileOrClasspathSourceProvider;
import org.vsekai.nebula.workflows.NebulaSearchAttributes;

/**
 * docker/ stays in step with the code it deploys: the service's configuration (nebula.yml and its
 * NEBULA_* variables), its ports, the search attributes the workflows upsert, the CLI's
 * environment, the Maven modules the images build, and .env.example. Plain file reading: no Docker,
 * no linter (ComposeLintTest runs the Compose loader itself).
 */
class ComposeInStepTest {

  // ---- the service's configuration -----------------------------------------------------------

  @Test
  void theServiceIsConfiguredWithExactlyTheVariablesOfNebulaYml() {
    Set<String> yml = DockerStack.nebulaYmlVariables().keySet();
    assertThat(yml).as("nebula.yml reads NEBULA_* variables").isNotEmpty();
    for (String service : SERVER_SERVICES) {
      Map<String, String> env =
          DockerStack.environment(DockerStack.services(DockerStack.yaml(COMPOSE)).get(service));
      assertThat(env.keySet())
          .as("%s in compose.yml sets every nebula.yml variable, and no other", service)
          .containsExactlyInAnyOrderElementsOf(yml);
    }
    for (Path file : COMPOSE_FILES) {
      DockerStack.services(DockerStack.yaml(file))
          .forEach(
              (name, service) -> {
                for (String key : DockerStack.environment(service).keySet()) {
                  if (!key.startsWith("NEBULA_")) {
                    continue;
                  }
                  if (SERVER_SERVICES.contains(name)) {
                    assertThat(yml)
                        .as("%s: %s sets %s for the service", file.getFileName(), name, key)
                        .contains(key);
                  } else {
                    assertThat(DockerStack.clientEnvironmentVariables())
                        .as(
                            "%s: %s sets %s, which neither nebula.yml nor the CLI reads",
                            file.getFileName(), name, key)
                        .contains(key);
                  }
                }
              });
    }
  }

  @Test
  void nebulaVariablesKeepTheirNamesFromEnvFileToService() {
    Set<String> yml = DockerStack.nebulaYmlVariables().keySet();
    for (Path file : COMPOSE_FILES) {
      for (DockerStack.VarRef ref : DockerStack.references(DockerStack.read(file))) {
        if (ref.name().startsWith("NEBULA_")) {
          assertThat(yml)
              .as(
                  "%s interpolates ${%s}: NEBULA_* names are nebula.yml's; name a compose-only setting otherwise",
                  file.getFileName(), ref.name())
              .contains(ref.name());
        }
      }
      for (String service : SERVER_SERVICES) {
        Map<String, Object> s = DockerStack.services(DockerStack.yaml(file)).get(service);
        if (s == null) {
          continue;
        }
        DockerStack.environment(s)
            .forEach(
                (key, value) -> {
                  for (DockerStack.VarRef ref : DockerStack.references(value)) {
                    if (ref.name().startsWith("NEBULA_")) {
                      assertThat(ref.name())
                          .as(
                              "%s: %s's %s is set from ${%s}",
                              file.getFileName(), service, key, ref.name())
                          .isEqualTo(key);
                    }
                  }
                });
      }
    }
  }

  @Test
  void theServiceConfigurationLoadsFromTheComposeEnvironmentWithItsPortsAndHealthCheck()
      throws Exception {
    Map<String, String> dotEnv = DockerStack.envFile(ENV_EXAMPLE);
    Map<String, Map<String, Object>> single = DockerStack.services(DockerStack.yaml(COMPOSE));
    Map<String, Map<String, Object>> cluster = DockerStack.mergedServices();
    for (var variant :
        List.of(
            Map.entry("compose.yml", single), Map.entry("with the cluster override", cluster))) {
      for (String name : SERVER_SERVICES) {
        Map<String, Object> service = variant.getValue().get(name);
        Map<String, String> env = new HashMap<>();
        DockerStack.environment(service)
            .forEach((k, v) -> env.put(k, DockerStack.interpolate(v, dotEnv)));
        NebulaConfiguration config = load(env);
        String what = name + " (" + variant.getKey() + ")";

        assertThat(config.database().embedded())
            .as("%s uses CockroachDB, not the embedded database", what)
            .isFalse();
        assertThat(config.database().migrateOnStart())
            .as("%s: nebula-migrate migrates", what)
            .isFalse();
        assertThat(config.dataDir())
            .as("%s keeps its data in its volume", what)
            .isEqualTo(Path.of(mountTarget(service, "nebula-data")));
        assertThat(config.temporal().target()).isEqualTo("temporal:7233");
        assertThat(config.temporal().namespace()).isEqualTo("default");

        URI jdbc = URI.create(config.database().url().substring("jdbc:".length()));
        List<String> hosts = new ArrayList<>();
        for (String hostPort : jdbc.getAuthority().split(",")) {
          hosts.add(hostPort.substring(0, hostPort.indexOf(':')));
        }
        assertThat(variant.getValue().keySet())
            .as("%s: the database hosts are services", what)
            .containsAll(hosts);
        assertThat(jdbc.getQuery()).contains("sslmode=verify-full");
        String rootCert = query(jdbc.getQuery(), "sslrootcert");
        assertThat(rootCert)
            .as("%s: the CA certificate is in the volume the certs job fills", what)
            .startsWith(mountTarget(service, "cockroach-client-ca") + "/");

        DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
        HttpConnectorFactory app = (HttpConnectorFactory) server.getApplicationConnectors().get(0);
        HttpConnectorFactory admin = (HttpConnectorFactory) server.getAdminConnectors().get(0);
        assertThat(app.getBindHost()).isEqualTo("0.0.0.0");
        assertThat(admin.getBindHost())
            .as("the admin port stays inside the container")
            .isEqualTo("127.0.0.1");
        assertThat(config.gateway().bindHost())
            .as("%s: the install gateway listens on every interface of the container", what)
            .isEqualTo("0.0.0.0");
        assertThat(config.gateway().publicAddress())
            .as("%s: players are told the host they reached the service by", what)
            .isNull();
        assertThat(config.tls().configured())
            .as(
                "%s: HTTPS and a TLS gateway; players' CLIs send credentials over nothing else",
                what)
            .isTrue();
        assertThat(config.tls().keyStoreType()).isEqualTo("PKCS12");
        assertThat(config.tls().keyStorePassword())
            .as("%s: the key store's password is the one nebula-certs makes it with", what)
            .isEqualTo(
                DockerStack.interpolate(
                    DockerStack.environment(variant.getValue().get("nebula-certs"))
                        .get("KEYSTORE_PASSWORD"),
                    dotEnv));
        if (name.equals("nebula")) {
          assertThat(publishedTargets(service))
              .as("nebula publishes exactly its application port and its install gateway")
              .containsExactlyInAnyOrder(app.getPort(), config.gateway().port());
          String healthCheck = String.join(" ", healthCheckTest(service));
          assertThat(healthCheck)
              .as("nebula's health check asks the admin port, plain HTTP on loopback")
              .contains("http://" + admin.getBindHost() + ":" + admin.getPort() + "/healthcheck");
          assertThat(exposedPorts(DOCKER.resolve("server.Dockerfile")))
              .containsExactlyInAnyOrder(app.getPort(), admin.getPort(), config.gateway().port());
          assertThat(config.tls().keyStorePath())
              .as("%s: the key store nebula-certs makes, in its volume, mounted read-only", what)
              .isEqualTo(mountTarget(service, "nebula-tls") + "/nebula.p12");
          assertThat(volumes(service)).contains("nebula-tls:/etc/nebula/tls:ro");
          assertThat(mountTarget(variant.getValue().get("nebula-certs"), "nebula-tls"))
              .as("nebula-certs writes the key store where nebula reads it")
              .isEqualTo(mountTarget(service, "nebula-tls"));
        }
      }
    }
    assertThat(DockerStack.environment(cluster.get("nebula")).get("NEBULA_DATABASE_URL"))
        .as("the cluster variant spreads the service over the three nodes")
        .contains(
            "cockroach:26257", "cockroach-2:26257", "cockroach-3:26257", "loadBalanceHosts=true");
  }

  private static NebulaConfiguration load(Map<String, String> env) throws Exception {
    return new YamlConfigurationFactory<>(
            NebulaConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw")
        .build(
            new SubstitutingSourceProvider(
                new FileOrClasspathSourceProvider(), new ConfigSubstitutor(env)),
            NEBULA_YML.toString());
  }

  private static String query(String query, String key) {
    for (String part : query.split("&")) {
      if (part.startsWith(key + "=")) {
        return part.substring(key.length() + 1);
      }
    }
    return null;
  }

  /** Where {@code volume} is mounted in the service. */
  private static String mountTarget(Map<String, Object> service, String volume) {
    for (Object v : (List<?>) service.getOrDefault("volumes", List.of())) {
      String[] parts = String.valueOf(v).split(":");
      if (parts[0].equals(volume)) {
        return parts[1];
      }
    }
    throw new AssertionError("volume " + volume + " is not mounted in " + service);
  }

  private static List<String> volumes(Map<String, Object> service) {
    List<String> out = new ArrayList<>();
    for (Object v : (List<?>) service.getOrDefault("volumes", List.of())) {
      out.add(String.valueOf(v));
    }
    return out;
  }

  private static List<Integer> publishedTargets(Map<String, Object> service) {
    List<Integer> out = new ArrayList<>();
    for (Object p : (List<?>) service.getOrDefault("ports", List.of())) {
      String s = String.valueOf(p);
      out.add(Integer.parseInt(s.substring(s.lastIndexOf(':') + 1)));
    }
    return out;
  }

  private static Set<Integer> exposedPorts(Path dockerfile) {
    Set<Integer> out = new TreeSet<>();
    for (String line : DockerStack.read(dockerfile).split("\n")) {
      if (line.startsWith("EXPOSE ")) {
        for (String p : line.substring("EXPOSE ".length()).trim().split("\\s+")) {
          out.add(Integer.parseInt(p.replace("/tcp", "")));
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<String> healthCheckTest(Map<String, Object> service) {
    Object hc = service.get("healthcheck");
    if (!(hc instanceof Map<?, ?> m) || Boolean.TRUE.equals(m.get("disable"))) {
      return List.of();
    }
    Object test = m.get("test");
    if (test instanceof List<?> l) {
      return (List<String>) l;
    }
    return test == null ? List.of() : List.of("CMD-SHELL", String.valueOf(test));
  }

  // ---- health checks and jobs ----------------------------------------------------------------

  @Test
  void everyServiceHasAHealthCheckOrIsAOneShotJobThatOthersWaitFor() {
    for (var variant :
        List.of(
            Map.entry("compose.yml", DockerStack.services(DockerStack.yaml(COMPOSE))),
            Map.entry(
                "compose.yml + compose.cockroach-cluster.yml", DockerStack.mergedServices()))) {
      Map<String, Map<String, Object>> services = variant.getValue();
      Map<String, Set<String>> waitedFor = new HashMap<>();
      services.forEach(
          (name, s) ->
              dependsOn(s)
                  .forEach(
                      (dep, condition) -> {
                        assertThat(services)
                            .as("%s: %s depends on %s", variant.getKey(), name, dep)
                            .containsKey(dep);
                        waitedFor.computeIfAbsent(dep, d -> new LinkedHashSet<>()).add(condition);
                      }));
      services.forEach(
          (name, s) -> {
            String what = variant.getKey() + ": " + name;
            boolean job = "no".equals(String.valueOf(s.get("restart")));
            if (job) {
              assertThat(healthCheckTest(s))
                  .as("%s is a one-shot job: no health check", what)
                  .isEmpty();
              assertThat(waitedFor.getOrDefault(name, Set.of()))
                  .as(
                      "%s is a job: what depends on it waits for service_completed_successfully",
                      what)
                  .containsOnly("service_completed_successfully")
                  .isNotEmpty();
            } else {
              assertThat(healthCheckTest(s))
                  .as("%s runs until stopped: it needs a health check", what)
                  .hasSizeGreaterThan(1);
              assertThat(healthCheckTest(s).get(0)).isIn("CMD", "CMD-SHELL");
              assertThat(s.get("restart"))
                  .as("%s restarts after a crash or a reboot", what)
                  .isEqualTo("unless-stopped");
              assertThat(waitedFor.getOrDefault(name, Set.of()))
                  .as("%s is long-running", what)
                  .doesNotContain("service_completed_successfully");
            }
          });
    }
  }

  @Test
  void eachHealthCheckAsksItsOwnServiceTheWayItKnows() {
    Map<String, Map<String, Object>> s = DockerStack.mergedServices();
    assertThat(String.join(" ", healthCheckTest(s.get("cockroach"))))
        .contains("cockroach node status");
    for (String node : List.of("cockroach-2", "cockroach-3")) {
      assertThat(healthCheckTest(s.get(node))).isEqualTo(healthCheckTest(s.get("cockroach")));
    }
    assertThat(String.join(" ", healthCheckTest(s.get("temporal-postgresql"))))
        .contains("pg_isready");
    assertThat(String.join(" ", healthCheckTest(s.get("temporal-admin-tools"))))
        .contains("temporal operator cluster health");
    assertThat(String.join(" ", healthCheckTest(s.get("temporal-ui"))))
        .contains("http://127.0.0.1:8080/");
    assertThat(String.join(" ", healthCheckTest(s.get("worker")))).contains("vsekai-worker-health");
  }

  private static Map<String, String> dependsOn(Map<String, Object> service) {
    Map<String, String> out = new LinkedHashMap<>();
    Object d = service.get("depends_on");
    if (d instanceof List<?> l) {
      l.forEach(x -> out.put(String.valueOf(x), "service_started"));
    } else if (d instanceof Map<?, ?> m) {
      m.forEach(
          (k, v) ->
              out.put(
                  String.valueOf(k),
                  v instanceof Map<?, ?> vm && vm.get("condition") != null
                      ? String.valueOf(vm.get("condition"))
                      : "service_started"));
    }
    return out;
  }

  // ---- Temporal ------------------------------------------------------------------------------

  @Test
  void theSearchAttributesRegisteredAreTheOnesTheWorkflowsUpsert() {
    Map<String, Object> init = DockerStack.services(DockerStack.yaml(COMPOSE)).get("temporal-init");
    Map<String, String> registered = new LinkedHashMap<>();
    for (String pair :
        DockerStack.environment(init).get("SEARCH_ATTRIBUTES").trim().split("\\s+")) {
      String[] nt = pair.split("=", 2);
      assertThat(nt).as("SEARCH_ATTRIBUTES: %s is Name=Type", pair).hasSize(2);
      assertThat(registered.put(nt[0], nt[1])).as("%s is registered once", nt[0]).isNull();
    }
    assertThat(registered.keySet())
        .as("compose registers NebulaSearchAttributes")
        .containsExactlyInAnyOrderElementsOf(NebulaSearchAttributes.names());
    assertThat(registered.values())
        .as("all Keyword, as EmbeddedTemporal registers them")
        .containsOnly("Keyword");
    for (SearchAttributeKey<?> key : NebulaSearchAttributes.ALL) {
      assertThat(registered)
          .as("the workflows upsert %s", key.getName())
          .containsKey(key.getName());
      assertThat(key.getValueType()).isEqualTo(IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    assertThat(DockerStack.environment(init).get("TEMPORAL_NAMESPACE"))
        .as("temporal-init prepares the namespace the service uses")
        .isEqualTo(
            DockerStack.environment(DockerStack.services(DockerStack.yaml(COMPOSE)).get("nebula"))
                .get("NEBULA_TEMPORAL_NAMESPACE"));

    String readme = DockerStack.read(DOCKER.resolve("README.md"));
    for (String name : registered.keySet()) {
      assertThat(readme)
          .as("README.md's commands for an existing cluster register %s", name)
          .contains("--name " + name + " --type Keyword");
    }
  }

  // ---- what is published ---------------------------------------------------------------------

  /**
   * Players reach the service (HTTPS) and its install gateway, nothing else: Temporal's frontend is
   * not published at all, and the consoles and databases only on the admin (loopback) address.
   */
  @Test
  void onlyTheServiceAndItsGatewayArePublishedToPlayersAndTemporalNotAtAll() {
    Map<String, String> dotEnv = DockerStack.envFile(ENV_EXAMPLE);
    for (var variant :
        List.of(
            Map.entry("compose.yml", DockerStack.services(DockerStack.yaml(COMPOSE))),
            Map.entry(
                "compose.yml + compose.cockroach-cluster.yml", DockerStack.mergedServices()))) {
      variant
          .getValue()
          .forEach(
              (name, service) -> {
                for (Object p : (List<?>) service.getOrDefault("ports", List.of())) {
                  String port = String.valueOf(p);
                  String what = variant.getKey() + ": " + name + " publishes " + port;
                  Matcher bind =
                      Pattern.compile("^\\$\\{(HOST_BIND_[A-Z_]+):-[^}]*}:").matcher(port);
                  assertThat(bind.find()).as("%s on a HOST_BIND_* address", what).isTrue();
                  if (name.equals("nebula")) {
                    assertThat(bind.group(1)).as(what).isEqualTo("HOST_BIND_PUBLIC");
                  } else {
                    assertThat(bind.group(1))
                        .as("%s: only for operators, on loopback", what)
                        .isEqualTo("HOST_BIND_ADMIN");
                    assertThat(DockerStack.interpolate(port, dotEnv)).startsWith("127.0.0.1:");
                  }
                }
              });
      assertThat(variant.getValue().get("temporal"))
          .as(
              "%s: Temporal's frontend is not published; players reach the gateway",
              variant.getKey())
          .doesNotContainKey("ports");
      for (Map.Entry<String, Map<String, Object>> s : variant.getValue().entrySet()) {
        assertThat(publishedTargets(s.getValue()))
            .as("%s: %s publishes Temporal's frontend", variant.getKey(), s.getKey())
            .doesNotContain(7233);
      }
    }
    for (Path file : COMPOSE_FILES) {
      for (DockerStack.VarRef ref : DockerStack.references(DockerStack.read(file))) {
        assertThat(ref.name())
            .as("%s: Temporal's frontend has no host port setting any more", file.getFileName())
            .isNotIn("HOST_BIND_TEMPORAL", "HOST_PORT_TEMPORAL");
      }
    }
    assertThat(DockerStack.documentedAssignments(ENV_EXAMPLE))
        .doesNotContainKeys("HOST_BIND_TEMPORAL", "HOST_PORT_TEMPORAL");
  }

  /**
   * nebula-certs makes the service's certificate once, for the names the stack and players use,
   * into the volumes the service (key store) and the worker (PEM) mount.
   */
  @Test
  void theCertificateJobMakesWhatTheServiceAndTheWorkerRead() {
    Map<String, Map<String, Object>> services = DockerStack.services(DockerStack.yaml(COMPOSE));
    Map<String, Object> certs = services.get("nebula-certs");
    assertThat(certs).as("compose.yml has the nebula-certs job").isNotNull();
    assertThat(certs.get("restart")).isEqualTo("no");
    assertThat(build(certs))
        .as("keytool of the service's own image")
        .containsEntry("dockerfile", "docker/server.Dockerfile");
    Map<String, String> env = DockerStack.environment(certs);
    assertThat(env.get("CERT_NAMES").split("\\s+"))
        .as("the certificate is valid for the stack's name and loopback")
        .contains("nebula", "localhost", "127.0.0.1", "${SERVICE_PUBLIC_NAMES:-}");
    assertThat(env.get("SERVICE_KEYSTORE"))
        .as("the job knows which key store the service uses")
        .isEqualTo(DockerStack.environment(services.get("nebula")).get("NEBULA_TLS_KEYSTORE"));
    assertThat(env.get("KEYSTORE_PASSWORD"))
        .isEqualTo(
            DockerStack.environment(services.get("nebula")).get("NEBULA_TLS_KEYSTORE_PASSWORD"));
    assertThat(volumes(certs))
        .as("the job writes both volumes")
        .contains("nebula-tls:/etc/nebula/tls", "nebula-ca:/etc/nebula/ca");
    assertThat(volumes(services.get("nebula")))
        .as("the service gets the key store, not the CA volume")
        .noneMatch(v -> v.startsWith("nebula-ca:"));
    for (String s : List.of("nebula", "worker")) {
      assertThat(dependsOn(services.get(s)))
          .as("%s waits for the certificate", s)
          .containsEntry("nebula-certs", "service_completed_successfully");
    }

    String script = DockerStack.read(DOCKER.resolve("nebula/certs.sh"));
    assertThat(script)
        .as("the script writes where compose mounts the volumes")
        .contains(
            "tls_dir=\"${TLS_DIR:-" + mountTarget(certs, "nebula-tls") + "}\"",
            "ca_dir=\"${CA_DIR:-" + mountTarget(certs, "nebula-ca") + "}\"",
            "keystore=\"$tls_dir/nebula.p12\"",
            "\"$ca_dir/nebula.crt\"",
            "keytool -genkeypair",
            "-ext \"SAN=$san\"",
            "-storetype PKCS12",
            "keytool -exportcert -rfc");
    assertThat(script)
        .as("made once: an existing key store is kept")
        .contains("if [ ! -f \"$keystore\" ]; then");
    assertThat(DockerStack.read(DOCKER.resolve("server.Dockerfile")))
        .as("the mount points are the service user's, so the job can write the volumes")
        .contains("chown nebula:nebula /var/lib/nebula /etc/nebula/tls /etc/nebula/ca");
  }

  // ---- the worker ----------------------------------------------------------------------------

  @Test
  void theWorkerIsSetUpWithVariablesTheCliOrItsEntrypointReads() {
    Map<String, Object> worker = DockerStack.services(DockerStack.yaml(COMPOSE)).get("worker");
    assertThat(worker.get("profiles")).as("the worker is optional").isEqualTo(List.of("worker"));
    Set<String> cli = DockerStack.clientEnvironmentVariables();
    String scripts =
        DockerStack.read(DOCKER.resolve("cli/worker-entrypoint.sh"))
            + DockerStack.read(DOCKER.resolve("cli/worker-health.sh"));
    Map<String, String> env = DockerStack.environment(worker);
    for (String key : env.keySet()) {
      boolean read =
          cli.contains(key) || Pattern.compile("\\$\\{?" + key + "\\b").matcher(scripts).find();
      assertThat(read)
          .as("the worker's %s is read by the CLI or docker/cli/worker-*.sh", key)
          .isTrue();
    }
    assertThat(env.get("NEBULA_SERVICE_URL"))
        .as("the CLI sends the install's credential over HTTPS only (loopback aside)")
        .isEqualTo("https://nebula:8080");
    Map<String, Object> nebula = DockerStack.services(DockerStack.yaml(COMPOSE)).get("nebula");
    Map<String, String> service = DockerStack.environment(nebula);
    assertThat(env.get("NEBULA_SERVICE_URL"))
        .as("the worker reaches the service's port")
        .endsWith(":" + service.get("NEBULA_PORT"));
    assertThat(env.get("NEBULA_GATEWAY"))
        .as("the worker reaches the install gateway on the stack's network")
        .isEqualTo("nebula:" + service.get("NEBULA_GATEWAY_PORT"));
    assertThat(env.get("NEBULA_CA_CERT"))
        .as("the worker trusts the certificate nebula-certs made, from its read-only volume")
        .isEqualTo(mountTarget(worker, "nebula-ca") + "/nebula.crt");
    assertThat(volumes(worker)).contains("nebula-ca:" + mountTarget(worker, "nebula-ca") + ":ro");
    assertThat(volumes(worker))
        .as("the worker, a player's machine, never sees the service's key")
        .noneMatch(v -> v.startsWith("nebula-tls:"));
    assertThat(env.keySet())
        .as("players' workers reach Temporal only through the gateway")
        .noneMatch(k -> k.startsWith("TEMPORAL_"));
    assertThat(dependsOn(worker)).doesNotContainKey("temporal");
    assertThat(
            DockerStack.read(DOCKER.resolve("cli/worker-entrypoint.sh"))
                + DockerStack.read(DOCKER.resolve("cli/worker-health.sh"))
                + DockerStack.read(DOCKER.resolve("cli/vsekai.sh")))
        .as("the CLI image's scripts give players no Temporal settings")
        .doesNotContain("TEMPORAL_", "--temporal", "--namespace");
    assertThat(env.get("VSEKAI_LAUNCHER_DIR"))
        .as("the install lives in the worker's volume")
        .startsWith(mountTarget(worker, "worker-launcher") + "/");
  }

  // ---- images, Dockerfiles, scripts -----------------------------------------------------------

  @Test
  void theDockerfilesBuildEveryModuleAndRunWhatComposeRuns() {
    List<String> modules = new ArrayList<>();
    Matcher m =
        Pattern.compile("<module>([^<]+)</module>")
            .matcher(DockerStack.read(REPO.resolve("pom.xml")));
    while (m.find()) {
      modules.add(m.group(1));
    }
    assertThat(modules).isNotEmpty();

    for (String name : List.of("server.Dockerfile", "cli.Dockerfile")) {
      String dockerfile = DockerStack.read(DOCKER.resolve(name));
      List<String> from = dockerfile.lines().filter(l -> l.startsWith("FROM ")).toList();
      assertThat(from).as("%s: a Maven build stage, then a JRE runtime", name).hasSize(2);
      assertThat(from.get(0)).contains(" AS build");
      assertThat(dockerfile)
          .contains(
              "ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17",
              "ARG JRE_IMAGE=eclipse-temurin:17-jre");
      for (String module : modules) {
        assertThat(dockerfile)
            .as("%s copies module %s (the reactor needs every module's pom)", name, module)
            .contains("COPY " + module + " ./" + module);
      }
      for (String line :
          dockerfile
              .lines()
              .filter(l -> l.startsWith("COPY ") && !l.contains("--from="))
              .toList()) {
        String[] words = line.split("\\s+");
        for (int i = 1; i < words.length - 1; i++) {
          if (words[i].startsWith("--")) {
            continue;
          }
          assertThat(REPO.resolve(words[i]))
              .as("%s: %s copies an existing %s", name, line, words[i])
              .exists();
        }
      }
      assertThat(DOCKER.resolve(name + ".dockerignore"))
          .as("%s has its own ignore file (its context is the repository)", name)
          .exists();
      assertThat(DockerStack.read(DOCKER.resolve(name + ".dockerignore")))
          .contains("**/target/", ".git/");
    }

    String server = DockerStack.read(DOCKER.resolve("server.Dockerfile"));
    assertThat(server).contains("\"" + NebulaApplication.class.getName() + "\"");
    assertThat(server).contains("COPY server/src/main/resources/nebula.yml /etc/nebula/nebula.yml");
    Map<String, Map<String, Object>> services = DockerStack.services(DockerStack.yaml(COMPOSE));
    assertThat(services.get("nebula").get("command"))
        .isEqualTo(List.of("server", "/etc/nebula/nebula.yml"));
    assertThat(services.get("nebula-migrate").get("command"))
        .isEqualTo(List.of("db", "migrate", "/etc/nebula/nebula.yml"));
    for (String s : SERVER_SERVICES) {
      assertThat(build(services.get(s))).containsEntry("dockerfile", "docker/server.Dockerfile");
    }

    String cli = DockerStack.read(DOCKER.resolve("cli.Dockerfile"));
    assertThat(cli)
        .contains("-name 'cli-*.jar'", "/out/cli.jar", "cp cli/target/lib/*.jar /out/lib/");
    String launcher = DockerStack.read(DOCKER.resolve("cli/vsekai.sh"));
    assertThat(launcher)
        .contains("/opt/vsekai/cli.jar:/opt/vsekai/lib/*", " org.vsekai.nebula.cli.VsekaiCommand ");
    assertThat(REPO.resolve("cli/src/main/java/org/vsekai/nebula/cli/VsekaiCommand.java")).exists();
    Map<String, Object> worker = services.get("worker");
    assertThat(build(worker)).containsEntry("dockerfile", "docker/cli.Dockerfile");
    assertThat(cli).contains("COPY --chmod=0755 docker/cli/vsekai.sh /usr/local/bin/vsekai");
    assertThat(cli)
        .contains("docker/cli/worker-entrypoint.sh " + ((List<?>) worker.get("entrypoint")).get(0));
    assertThat(cli).contains("docker/cli/worker-health.sh " + healthCheckTest(worker).get(1));
    assertThat(DockerStack.read(DOCKER.resolve("cli.Dockerfile.dockerignore")))
        .contains("!docker/cli/");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> build(Map<String, Object> service) {
    Map<String, Object> b = (Map<String, Object>) service.get("build");
    assertThat(b).as("built from this repository").isNotNull().containsEntry("context", "..");
    assertThat(REPO.resolve(String.valueOf(b.get("dockerfile")))).exists();
    return b;
  }

  @Test
  void theScriptsTheJobsRunExistAndMatchTheirInterpreter() {
    for (Path file : COMPOSE_FILES) {
      DockerStack.services(DockerStack.yaml(file))
          .forEach(
              (name, s) -> {
                List<String> entrypoint = new ArrayList<>();
                if (s.get("entrypoint") instanceof List<?> l) {
                  l.forEach(x -> entrypoint.add(String.valueOf(x)));
                }
                if (entrypoint.size() < 2 || !entrypoint.get(1).startsWith("/scripts/")) {
                  return;
                }
                String hostDir = null;
                for (Object v : (List<?>) s.getOrDefault("volumes", List.of())) {
                  String[] parts = String.valueOf(v).split(":");
                  if (parts[1].equals("/scripts")) {
                    hostDir = parts[0];
                  }
                }
                assertThat(hostDir).as("%s mounts its scripts at /scripts", name).isNotNull();
                Path script =
                    DOCKER
                        .resolve(hostDir)
                        .resolve(entrypoint.get(1).substring("/scripts/".length()))
                        .normalize();
                assertThat(script).as("%s runs %s", name, script).exists();
                assertThat(DockerStack.read(script))
                    .as("%s's shebang matches how compose runs it", script)
                    .startsWith("#!" + entrypoint.get(0) + "\n");
              });
    }
  }

  @Test
  void everyImageIsPinnedToAVersion() {
    Map<String, String> noEnv = Map.of();
    for (Path file : COMPOSE_FILES) {
      DockerStack.services(DockerStack.yaml(file))
          .forEach(
              (name, s) -> {
                if (s.get("image") == null) {
                  return;
                }
                String image = DockerStack.interpolate(String.valueOf(s.get("image")), noEnv);
                String tag = image.substring(image.lastIndexOf('/') + 1);
                assertThat(tag).as("%s: %s has a tag", name, image).contains(":");
                assertThat(tag).as("%s: %s", name, image).doesNotEndWith(":latest");
              });
    }
  }

  // ---- .env.example --------------------------------------------------------------------------

  @Test
  void envExampleDocumentsEveryVariableWithTheDefaultTheComposeFilesUse() {
    String example = DockerStack.read(ENV_EXAMPLE);
    Map<String, String> documented = DockerStack.documentedAssignments(ENV_EXAMPLE);
    Map<String, String> active = DockerStack.envFile(ENV_EXAMPLE);

    for (String var : DockerStack.nebulaYmlVariables().keySet()) {
      assertThat(example)
          .as(".env.example says what becomes of nebula.yml's %s", var)
          .containsPattern("\\b" + var + "\\b");
    }

    Map<String, Set<String>> defaults = new TreeMap<>();
    Set<String> required = new TreeSet<>();
    for (Path file : COMPOSE_FILES) {
      for (DockerStack.VarRef ref : DockerStack.references(DockerStack.read(file))) {
        if (ref.required()) {
          required.add(ref.name());
        } else {
          defaults
              .computeIfAbsent(ref.name(), n -> new LinkedHashSet<>())
              .add(ref.hasDefault() ? ref.argument() : "");
        }
      }
    }
    defaults.forEach(
        (var, values) -> {
          assertThat(values).as("${%s} has one default in every compose file", var).hasSize(1);
          assertThat(documented).as(".env.example documents %s", var).containsKey(var);
          assertThat(documented.get(var))
              .as(".env.example shows %s's default", var)
              .isEqualTo(values.iterator().next());
        });
    for (String var : required) {
      assertThat(active)
          .as(".env.example sets the required %s (uncommented)", var)
          .containsKey(var);
    }
    Set<String> referenced = new TreeSet<>(required);
    referenced.addAll(defaults.keySet());
    assertThat(referenced)
        .as("every variable .env.example sets is one the compose files read")
        .containsAll(documented.keySet());
    assertThat(active.keySet())
        .as("only the secrets are set actively; the rest show their defaults")
        .containsExactlyInAnyOrderElementsOf(required);
  }

  @Test
  void theReadmeCoversStartingTheClusterVariantAndSearchAttributes() throws Exception {
    String readme = DockerStack.read(DOCKER.resolve("README.md"));
    assertThat(readme)
        .contains(
            "docker compose up -d",
            "-f compose.yml -f compose.cockroach-cluster.yml",
            "--profile worker",
            "temporal operator search-attribute create");
    assertThat(readme)
        .as("README.md: HTTPS with the stack's certificate, the support token, the gateway")
        .contains(
            "https://nebula:8080",
            "--cacert nebula.crt https://127.0.0.1:8080/",
            "/var/lib/nebula/support-token",
            "NEBULA_CA_CERT",
            "--ca ",
            "NEBULA_GATEWAY_PUBLIC_ADDRESS",
            "HOST_PORT_NEBULA_GATEWAY",
            "docker compose exec temporal-admin-tools temporal ");
    assertThat(readme)
        .as("README.md: no plain HTTP to the service, no Temporal for players")
        .doesNotContain(
            "http://nebula:8080",
            "http://127.0.0.1:8080",
            "HOST_PORT_TEMPORAL`",
            "HOST_BIND_TEMPORAL");
    Set<String> files;
    try (var list = Files.list(DOCKER)) {
      files =
          list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
    for (String f : files) {
      if (f.equals("README.md") || f.equals("lint")) {
        continue;
      }
      assertThat(readme).as("README.md mentions %s", f).contains(f);
    }
    assertThat(CLUSTER).exists();
  }
}
