package org.vsekai.nebula.schema.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsekai.nebula.schema.SerializableTransactions;

/**
 * Applies the SQL files under {@code db/migration/} in the order {@code migrations.txt} lists them,
 * each in its own transaction together with its row in {@code schema_migrations}. Running it again
 * applies only what is new, and two services migrating at once do not both apply a file: the second
 * waits on the first one's row, fails with a unique violation, and on its retry finds the migration
 * done.
 */
public final class Migrator {
  private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
  private static final String DIRECTORY = "db/migration/";

  private final SerializableTransactions transactions;

  public Migrator(SerializableTransactions transactions) {
    this.transactions = transactions;
  }

  /** The migrations shipped with this build, in order. */
  public static List<Migration> bundled() {
    List<Migration> migrations = new ArrayList<>();
    for (String line : read(DIRECTORY + "migrations.txt").split("\n")) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) continue;
      migrations.add(new Migration(name, read(DIRECTORY + name)));
    }
    return migrations;
  }

  /** Applies the bundled migrations; returns the versions applied by this call. */
  public List<String> migrate() {
    return migrate(bundled());
  }

  public List<String> migrate(List<Migration> migrations) {
    transactions.useTransaction(
        h ->
            h.execute(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                  version TEXT PRIMARY KEY,
                  checksum TEXT NOT NULL,
                  applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )"""));
    List<String> applied = new ArrayList<>();
    for (Migration migration : migrations) {
      boolean ran = transactions.inTransaction(h -> apply(h, migration));
      if (ran) {
        LOG.info("applied migration {}", migration.version());
        applied.add(migration.version());
      }
    }
    return applied;
  }

  /** The versions already applied, oldest first. */
  public List<String> appliedVersions() {
    return transactions.inTransaction(
        h ->
            h.createQuery("SELECT version FROM schema_migrations ORDER BY applied_at, version")
                .mapTo(String.class)
                .list());
  }

  private static boolean apply(Handle h, Migration migration) {
    Optional<String> recorded =
        h.createQuery("SELECT checksum FROM schema_migrations WHERE version = :v")
            .bind("v", migration.version())
            .mapTo(String.class)
            .findOne();
    if (recorded.isPresent()) {
      if (!recorded.get().equals(migration.checksum())) {
        throw new IllegalStateException(
            "migration "
                + migration.version()
                + " was changed after it was applied; add a new migration instead");
      }
      return false;
    }
    // The row first: a concurrent migrator blocks on it instead of racing through the DDL.
    h.createUpdate("INSERT INTO schema_migrations (version, checksum) VALUES (:v, :c)")
        .bind("v", migration.version())
        .bind("c", migration.checksum())
        .execute();
    h.createScript(migration.sql()).execute();
    return true;
  }

  private static String read(String resource) {
    try (InputStream in = Migrator.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null)
        throw new IllegalStateException("migration resource " + resource + " is missing");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }
}
