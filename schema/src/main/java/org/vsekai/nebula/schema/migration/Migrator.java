package org.vsekai.nebula.schema.migration;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the schema's migrations ({@code db/migration/V*.sql}) with Flyway.
 *
 * <p>Written for CockroachDB, where {@code autocommit_before_ddl} (on by default since 25.x)
 * commits before every DDL statement, so no migration can be one transaction. Here none tries to
 * be: every statement runs in its own implicit transaction ({@code executeInTransaction=false}, on
 * PostgreSQL too, so the tests see what CockroachDB does), every statement is idempotent ({@code IF
 * NOT EXISTS}), and Flyway writes a migration's history row only after its last statement. A
 * migration cut short by a crash has no row and runs again from its first statement; one that
 * failed has a failed row, which is removed ({@code repair}) before it runs again. Services that
 * migrate at once are serialised by Flyway's lock. On CockroachDB, Flyway retries 40001 itself.
 */
public final class Migrator {
  private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

  /** Where the bundled migrations are. */
  public static final String BUNDLED = "classpath:db/migration";

  private static final int BASELINE_ATTEMPTS = 5;

  private final DataSource dataSource;
  private final String[] locations;
  private final Callback[] callbacks;

  public Migrator(DataSource dataSource) {
    this(dataSource, new String[] {BUNDLED}, new Callback[0]);
  }

  /** Migrations from other locations, e.g. {@code filesystem:/path}, for tests. */
  public Migrator(DataSource dataSource, String... locations) {
    this(dataSource, locations, new Callback[0]);
  }

  private Migrator(DataSource dataSource, String[] locations, Callback[] callbacks) {
    this.dataSource = dataSource;
    this.locations = locations;
    this.callbacks = callbacks;
  }

  /** The same migrations with Flyway callbacks, e.g. to stop a test between two statements. */
  public Migrator withCallbacks(Callback... more) {
    return new Migrator(dataSource, locations, more);
  }

  /**
   * Applies what is pending.
   *
   * @return the file names applied by this call, in order
   */
  public List<String> migrate() {
    Flyway flyway = flyway();
    for (MigrationInfo m : flyway.info().all()) {
      if (m.getState() == MigrationState.FAILED) {
        // Its statements are idempotent: removing the failed row lets it run again from the top.
        LOG.warn("migration {} failed before; running it again", m.getScript());
        flyway.repair();
        break;
      }
    }
    MigrateResult result = migrateRacingOthers(flyway);
    List<String> applied =
        result.migrations.stream().map(m -> Path.of(m.filepath).getFileName().toString()).toList();
    applied.forEach(name -> LOG.info("applied migration {}", name));
    return applied;
  }

  /**
   * Services that start at once on an empty database race to baseline it: one creates Flyway's
   * history table, and another that finds it still empty refuses to baseline (before its lock is
   * taken, so before it changed anything). Once the first has written its baseline row the table is
   * no longer empty, so the loser tries again a little later.
   */
  private static MigrateResult migrateRacingOthers(Flyway flyway) {
    for (int attempt = 1; ; attempt++) {
      try {
        return flyway.migrate();
      } catch (FlywayException e) {
        boolean lostBaselineRace =
            String.valueOf(e.getMessage()).contains("already exists, and is empty");
        if (!lostBaselineRace || attempt == BASELINE_ATTEMPTS) {
          throw e;
        }
        LOG.info("another service is creating the schema history; trying again");
        try {
          Thread.sleep(200L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** The file names of the migrations applied so far, oldest first. */
  public List<String> applied() {
    return Arrays.stream(flyway().info().applied())
        .filter(m -> m.getState().isApplied() && !m.getState().isFailed())
        .map(MigrationInfo::getScript)
        .toList();
  }

  /** The file names of every migration at the locations, applied or not. */
  public List<String> available() {
    return Arrays.stream(flyway().info().all())
        .map(MigrationInfo::getScript)
        .filter(s -> s != null)
        .toList();
  }

  private Flyway flyway() {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(locations)
        .executeInTransaction(false)
        // A database migrated before Flyway: its tables exist, and the idempotent migrations
        // record themselves over them.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .callbacks(callbacks)
        .load();
  }
}
