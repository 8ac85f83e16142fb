package org.vsekai.nebula.server.testing;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vsekai.nebula.schema.testing.TestPostgres;
import org.vsekai.nebula.server.NebulaApplication;
import org.vsekai.nebula.server.NebulaConfiguration;
import org.vsekai.nebula.server.NebulaServices;

/**
 * The whole application for DropwizardAppExtension tests: a fresh database on the test JVM's real
 * PostgreSQL and a fresh data folder per test class.
 */
public final class NebulaApp {
  public static final String TOKEN = "test-publisher-token";
  public static final String SUPPORT_TOKEN = "test-support-token";

  private final TestPostgres.Database database;
  private final DropwizardAppExtension<NebulaConfiguration> extension;

  private NebulaApp(
      TestPostgres.Database database, DropwizardAppExtension<NebulaConfiguration> extension) {
    this.database = database;
    this.extension = extension;
  }

  public static NebulaApp create(ConfigOverride... extra) {
    TestPostgres.Database db = TestPostgres.newDatabase();
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("nebula-app-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<ConfigOverride> overrides = new ArrayList<>();
    overrides.add(ConfigOverride.config("dataDir", dataDir.toString()));
    overrides.add(ConfigOverride.config("database.url", db.jdbcUrl()));
    overrides.addAll(List.of(extra));
    return new NebulaApp(
        db,
        new DropwizardAppExtension<>(
            NebulaApplication.class,
            ResourceHelpers.resourceFilePath("test-nebula.yml"),
            overrides.toArray(ConfigOverride[]::new)));
  }

  /** Register this with {@code @RegisterExtension static}. */
  public DropwizardAppExtension<NebulaConfiguration> extension() {
    return extension;
  }

  public TestPostgres.Database database() {
    return database;
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + extension.getLocalPort() + "/");
  }

  /** A client with the publisher token. */
  public ApiClient publisher() {
    return new ApiClient(baseUrl(), TOKEN);
  }

  /** A client with the support token. */
  public ApiClient support() {
    return new ApiClient(baseUrl(), SUPPORT_TOKEN);
  }

  /** A client without a token, as players call. */
  public ApiClient anonymous() {
    return new ApiClient(baseUrl(), null);
  }

  public ApiClient admin() {
    return new ApiClient(URI.create("http://127.0.0.1:" + extension.getAdminPort() + "/"), null);
  }

  public NebulaServices services() {
    return ((NebulaApplication) extension.getApplication()).services();
  }

  /** Rows in a table, to check that a refused request wrote nothing. */
  public int count(String table) {
    return database
        .jdbi()
        .withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Integer.class).one());
  }
}
