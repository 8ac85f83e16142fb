package org.vsekai.nebula.schema.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.vsekai.nebula.schema.NebulaJdbi;
import org.vsekai.nebula.schema.SerializableTransactions;
import org.vsekai.nebula.schema.migration.Migrator;

/**
 * A real PostgreSQL for tests: one embedded server per test JVM (initdb is the slow part), and a
 * fresh database for each caller so tests never see each other's rows.
 */
public final class TestPostgres {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
    }
    return server;
  }

  /** A new, empty database. */
  public static Database newDatabase() {
    String name = "nebula_test_" + DATABASES.incrementAndGet();
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return new Database(
        name, server().getDatabase("postgres", name), server().getJdbcUrl("postgres", name));
  }

  /** A new database with Nebula's schema migrated. */
  public static Database newMigratedDatabase() {
    Database db = newDatabase();
    new Migrator(db.dataSource()).migrate();
    return db;
  }

  /** A test database: its JDBC URL (user "postgres", no password) and a data source. */
  public record Database(String name, DataSource dataSource, String jdbcUrl) {
    public Jdbi jdbi() {
      return NebulaJdbi.create(dataSource);
    }

    public SerializableTransactions transactions() {
      return new SerializableTransactions(jdbi());
    }
  }
}
