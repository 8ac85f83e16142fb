package org.vsekai.nebula.server.docker;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The files under {@code docker/} as the tests read them, from the server module's directory (where
 * Maven runs its tests): the Compose files as plain YAML (anchors resolved), their {@code ${VAR}}
 * references, {@code .env.example}, and the variables {@code nebula.yml} reads.
 */
final class DockerStack {
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static final Path DOCKER = REPO.resolve("docker");
  static final Path COMPOSE = DOCKER.resolve("compose.yml");
  static final Path CLUSTER = DOCKER.resolve("compose.cockroach-cluster.yml");
  static final Path ENV_EXAMPLE = DOCKER.resolve(".env.example");
  static final Path NEBULA_YML = REPO.resolve("server/src/main/resources/nebula.yml");
  static final List<Path> COMPOSE_FILES = List.of(COMPOSE, CLUSTER);

  /** The services that run the service's image (and so read nebula.yml). */
  static final List<String> SERVER_SERVICES = List.of("nebula", "nebula-migrate");

  private DockerStack() {}

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Compose file as maps and lists, anchors and aliases resolved; nothing interpolated. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(Path file) {
    try (Reader r = Files.newBufferedReader(file)) {
      return (Map<String, Object>) new Yaml(new LoaderOptions()).load(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> services(Map<String, Object> compose) {
    return (Map<String, Map<String, Object>>) compose.getOrDefault("services", Map.of());
  }

  /**
   * compose.yml with the cluster override on top: maps merge key by key, anything else is replaced,
   * which is how Compose merges the keys these files use (command, environment, depends_on,
   * healthcheck, volumes of new services).
   */
  static Map<String, Map<String, Object>> mergedServices() {
    Map<String, Object> merged = new LinkedHashMap<>();
    for (Path f : COMPOSE_FILES) {
      merged = merge(merged, yaml(f));
    }
    return services(merged);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    over.forEach(
        (k, v) -> {
          Object b = out.get(k);
          if (b instanceof Map<?, ?> bm && v instanceof Map<?, ?> vm) {
            out.put(k, merge((Map<String, Object>) bm, (Map<String, Object>) vm));
          } else {
            out.put(k, v);
          }
        });
    return out;
  }

  /** A service's environment as written (map or list form), values not interpolated. */
  @SuppressWarnings("unchecked")
  static Map<String, String> environment(Map<String, Object> service) {
    Object env = service.get("environment");
    Map<String, String> out = new LinkedHashMap<>();
    if (env instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    } else if (env instanceof List<?> l) {
      for (Object o : l) {
        String s = String.valueOf(o);
        int eq = s.indexOf('=');
        out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
      }
    }
    return out;
  }

  /** A {@code ${NAME}}, {@code ${NAME:-default}} or {@code ${NAME:?error}} in a Compose file. */
  record VarRef(String name, String operator, String argument) {
    boolean required() {
      return operator.contains("?");
    }

    boolean hasDefault() {
      return operator.contains("-");
    }
  }

  private static final Pattern REF =
      Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

  static List<VarRef> references(String text) {
    List<VarRef> refs = new ArrayList<>();
    Matcher m = REF.matcher(text);
    while (m.find()) {
      refs.add(
          new VarRef(
              m.group(1),
              m.group(2) == null ? "" : m.group(2),
              m.group(3) == null ? "" : m.group(3)));
    }
    return refs;
  }

  /**
   * Compose interpolation of one value: {@code $$}, {@code ${X}}, {@code ${X:-d}}, {@code ${X-d}},
   * {@code ${X:?e}}.
   */
  static String interpolate(String value, Map<String, String> env) {
    StringBuilder out = new StringBuilder();
    Matcher m =
        Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}")
            .matcher(value);
    while (m.find()) {
      String replacement;
      if (m.group().equals("$$")) {
        replacement = "$";
      } else {
        String name = m.group(1);
        String op = m.group(2) == null ? "" : m.group(2);
        String arg = m.group(3) == null ? "" : m.group(3);
        String v = env.get(name);
        boolean unset = v == null || (op.startsWith(":") && v.isEmpty());
        if (unset && op.endsWith("-")) {
          replacement = arg;
        } else if (unset && op.endsWith("?")) {
          throw new IllegalArgumentException("required variable " + name + " is missing: " + arg);
        } else {
          replacement = v == null ? "" : v;
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The active {@code NAME=value} lines of an env file (what Compose reads from it). */
  static Map<String, String> envFile(Path file) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : read(file).split("\n")) {
      Matcher m = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=(.*)$").matcher(line.strip());
      if (m.matches()) {
        out.put(m.group(1), unquote(m.group(2).strip()));
      }
    }
    return out;
  }

  /** Every {@code NAME=value} of an env file, commented out or not: what it documents. */
  static Map<String, String> documentedAssignments(Path file) {
    Map<String, String> out = new TreeMap<>();
    for (String line : read(file).split("\n")) {
      Matcher m = Pattern.compile("^#?\\s*([A-Z][A-Z0-9_]*)=(.*)$").matcher(line.strip());
      if (m.matches()) {
        out.put(m.group(1), unquote(m.group(2).strip()));
      }
    }
    return out;
  }

  private static String unquote(String v) {
    if (v.length() >= 2
        && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  /** The {@code NEBULA_*} variables nebula.yml reads, with their defaults. */
  static Map<String, String> nebulaYmlVariables() {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("\\$\\{(NEBULA_[A-Z0-9_]+)(?::-([^}]*))?}").matcher(read(NEBULA_YML));
    while (m.find()) {
      out.put(m.group(1), m.group(2) == null ? "" : m.group(2));
    }
    return out;
  }

  /**
   * Environment variables the client side reads ({@code System.getenv("X")}, or a picocli default
   * {@code ${env:X}}, in cli, worker-client, activities, and api, whose service client reads
   * NEBULA_CA_CERT).
   */
  static Set<String> clientEnvironmentVariables() {
    Set<String> out = new LinkedHashSet<>();
    Pattern getenv =
        Pattern.compile("(?:getenv\\(\"|\\$\\{env:)([A-Za-z_][A-Za-z0-9_]*)(?:\"\\)|[:}])");
    for (String module : List.of("cli", "worker-client", "activities", "api")) {
      Path src = REPO.resolve(module).resolve("src/main/java");
      try (var files = Files.walk(src)) {
        files
            .filter(p -> p.toString().endsWith(".java"))
            .forEach(
                p -> {
                  Matcher m = getenv.matcher(read(p));
                  while (m.find()) {
                    out.add(m.group(1));
                  }
                });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
