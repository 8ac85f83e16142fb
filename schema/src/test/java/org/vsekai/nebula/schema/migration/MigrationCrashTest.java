package org.vsekai.nebula.schema.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.vsekai.nebula.schema.testing.TestPostgres;

/**
 * A migrating process killed between two statements, as a crash or a redeploy would: the statements
 * before the kill are committed (as CockroachDB commits before each DDL), the migration has no
 * record, and the next start finishes it and every one after it.
 */
@Tag("integration")
class MigrationCrashTest {

  @ParameterizedTest(name = "killed after statement {0}")
  @ValueSource(ints = {1, 12, 30, 55})
  void theNextRunFinishesWhatAKilledRunLeftHalfDone(int statements) throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase();
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                KilledMigration.class.getName(),
                db.jdbcUrl(),
                String.valueOf(statements))
            .redirectErrorStream(true)
            .redirectOutput(new File(System.getProperty("java.io.tmpdir"), "killed-migration.log"))
            .start();
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as("the migration was killed").isEqualTo(KilledMigration.KILLED);
    Migrator migrator = new Migrator(db.dataSource());
    List<String> before = migrator.applied();
    assertThat(before).hasSizeLessThan(migrator.available().size());

    List<String> applied = migrator.migrate();

    assertThat(applied).isNotEmpty().noneMatch(before::contains);
    assertThat(migrator.applied()).containsExactlyElementsOf(migrator.available());
    TestPostgres.Database fresh = TestPostgres.newMigratedDatabase();
    assertThat(Tables.of(db)).containsExactlyElementsOf(Tables.of(fresh));
    assertThat(Indexes.of(db)).containsExactlyElementsOf(Indexes.of(fresh));
  }

  /** A child JVM that migrates and halts, without any cleanup, after its n-th statement. */
  public static final class KilledMigration {
    static final int KILLED = 137;

    public static void main(String[] args) {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setUrl(args[0]);
      ds.setUser("postgres");
      int n = Integer.parseInt(args[1]);
      new Migrator(ds).withCallbacks(new HaltAfter(n)).migrate();
      System.exit(0); // not killed: the test fails on the exit code
    }
  }

  private static final class HaltAfter implements Callback {
    private final int statements;
    private int seen;

    HaltAfter(int statements) {
      this.statements = statements;
    }

    @Override
    public boolean supports(Event event, Context context) {
      return event == Event.AFTER_EACH_MIGRATE_STATEMENT;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
      return true;
    }

    @Override
    public void handle(Event event, Context context) {
      if (++seen == statements) {
        Runtime.getRuntime().halt(KilledMigration.KILLED);
      }
    }

    @Override
    public String getCallbackName() {
      return "halt-after-" + statements;
    }
  }
}
