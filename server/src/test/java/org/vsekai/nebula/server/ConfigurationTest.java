package org.vsekai.nebula.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.server.config.ConfigSubstitutor;
import org.vsekai.nebula.server.config.FileOrClasspathSourceProvider;
import org.vsekai.nebula.server.db.EmbeddedPostgresDatabase;

/** The bundled configuration files and the {@code db migrate} command. */
@Tag("integration")
class ConfigurationTest {

  private static NebulaConfiguration load(String file, Map<String, String> env) throws Exception {
    return new YamlConfigurationFactory<>(
            NebulaConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw")
        .build(
            new SubstitutingSourceProvider(
                new FileOrClasspathSourceProvider(), new ConfigSubstitutor(env)),
            file);
  }

  @Test
  void theBundledConfigurationDefaultsToTheEmbeddedDatabase() throws Exception {
    NebulaConfiguration config = load("nebula.yml", Map.of());

    assertThat(config.database().embedded()).isTrue();
    assertThat(config.database().migrateOnStart()).isTrue();
    assertThat(config.dataDir().getFileName()).hasToString("nebula-data");
    assertThat(config.temporal().configured()).isFalse();
    assertThat(config.signing().manifestLifetime()).isEqualTo(Duration.ofDays(365));
  }

  @Test
  void environmentVariablesPointItAtAnExternalDatabase() throws Exception {
    NebulaConfiguration config =
        load(
            "nebula.yml",
            Map.of(
                "NEBULA_DATABASE_URL", "jdbc:postgresql://cockroach:26257/nebula",
                "NEBULA_DATA_DIR", "/var/lib/nebula",
                "NEBULA_TEMPORAL_TARGET", "temporal:7233",
                "NEBULA_MAX_CHUNK_SIZE", "1MiB"));

    assertThat(config.database().embedded()).isFalse();
    assertThat(config.database().migrateOnStart())
        .as("production migrates with `db migrate`")
        .isFalse();
    assertThat(config.store().chunkDir(config.dataDir()))
        .isEqualTo(Path.of("/var/lib/nebula/store"));
    assertThat(config.temporal().target()).isEqualTo("temporal:7233");
    assertThat(config.store().maxChunkBytes()).isEqualTo(1024 * 1024);
  }

  @Test
  void tufLifetimesDefaultToADayOfFreshnessRefreshedEverySixHours() throws Exception {
    NebulaConfiguration defaults = load("nebula.yml", Map.of());
    assertThat(defaults.tuf().timestampLifetime()).isEqualTo(Duration.ofDays(1));
    assertThat(defaults.tuf().refreshInterval()).isEqualTo(Duration.ofHours(6));
    assertThat(defaults.tuf().rootLifetime()).isEqualTo(Duration.ofDays(365));
    assertThat(defaults.tuf().targetsLifetime()).isEqualTo(Duration.ofDays(30));
    assertThat(defaults.tuf().key("timestamp")).isNull();

    NebulaConfiguration shorter = load("nebula.yml", Map.of("NEBULA_TUF_TIMESTAMP_LIFETIME", "2h"));
    assertThat(shorter.tuf().refreshInterval()).isEqualTo(Duration.ofMinutes(30));
    NebulaConfiguration embedded =
        load(
            "nebula-embedded.yml",
            Map.of("NEBULA_DATA_DIR", "/tmp/x", "NEBULA_TUF_REFRESH_INTERVAL", "10m"));
    assertThat(embedded.tuf().refreshInterval()).isEqualTo(Duration.ofMinutes(10));

    assertThatThrownBy(
            () ->
                load(
                    "nebula.yml",
                    Map.of(
                        "NEBULA_TUF_TIMESTAMP_LIFETIME",
                        "1h",
                        "NEBULA_TUF_REFRESH_INTERVAL",
                        "1h")))
        .hasMessageContaining("refreshInterval");
  }

  @Test
  void theEmbeddedConfigurationParses() throws Exception {
    NebulaConfiguration config = load("nebula-embedded.yml", Map.of("NEBULA_DATA_DIR", "/tmp/x"));

    assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(config.database().embedded()).isTrue();
  }

  @Test
  void commandsWithoutAFileUseTheBundledOne() {
    assertThat(NebulaApplication.withDefaultConfig(new String[] {"server"}))
        .containsExactly("server", "nebula.yml");
    assertThat(NebulaApplication.withDefaultConfig(new String[] {"db", "migrate"}))
        .containsExactly("db", "migrate", "nebula.yml");
    assertThat(NebulaApplication.withDefaultConfig(new String[] {"server", "my.yml"}))
        .containsExactly("server", "my.yml");
  }

  @Test
  void dbMigrateAppliesTheSchemaToTheEmbeddedDatabaseAndExits(@TempDir Path dataDir)
      throws Exception {
    // External logging: the command must not reconfigure the test JVM's logging.
    Path config = dataDir.resolve("migrate.yml");
    Files.writeString(config, "dataDir: ${NEBULA_DATA_DIR}\nlogging:\n  type: external\n");
    NebulaApplication app =
        new NebulaApplication(Map.of("NEBULA_DATA_DIR", dataDir.toString())) {
          @Override
          protected void onFatalError(Throwable t) {
            throw new AssertionError("db migrate failed", t);
          }
        };

    app.run("db", "migrate", config.toString());

    try (EmbeddedPostgresDatabase db =
        new EmbeddedPostgresDatabase(dataDir.resolve("postgres"), 0)) {
      db.start();
      Jdbi jdbi = Jdbi.create(db.jdbcUrl(), EmbeddedPostgresDatabase.USER, "");
      int applied =
          jdbi.withHandle(
              h ->
                  h.createQuery(
                          "SELECT count(*) FROM flyway_schema_history"
                              + " WHERE success AND script LIKE 'V%.sql'")
                      .mapTo(Integer.class)
                      .one());
      int bundled = 0;
      try (var files =
          Files.list(Path.of("../schema/src/main/resources/db/migration").toAbsolutePath())) {
        bundled = (int) files.filter(f -> f.getFileName().toString().endsWith(".sql")).count();
      }
      assertThat(applied).isEqualTo(bundled).isPositive();
    }
  }
}
