package org.vsekai.nebula.schema.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.schema.testing.TestPostgres;

/**
 * The migrations as CockroachDB runs them: each statement in its own transaction, the record last.
 * See {@link MigrationCrashTest} for a process killed between two statements.
 */
@Tag("integration")
class MigratorTest {
  private static final List<String> BUNDLED =
      List.of(
          "V001__catalog.sql",
          "V002__installs.sql",
          "V003__rollouts.sql",
          "V004__rollout_targets.sql",
          "V005__install_credentials.sql",
          "V006__tuf_metadata.sql",
          "V007__file_patches.sql");

  @TempDir Path dir;

  @Test
  void createsTheSeedTablesAndTheRelationsTheSeedLeavesOut() {
    TestPostgres.Database db = TestPostgres.newDatabase();
    List<String> applied = new Migrator(db.dataSource()).migrate();

    assertThat(applied).containsExactlyElementsOf(BUNDLED);
    assertThat(Tables.of(db))
        .contains(
            "modes",
            "mode_validities",
            "products",
            "product_validities",
            "versions",
            "version_validities",
            "update_processes",
            "update_process_validities",
            "casync_caches",
            "casync_cache_histories",
            "releases",
            "installs",
            "install_modes",
            "install_versions",
            "install_credentials",
            "manifests",
            "version_files",
            "update_process_states",
            "rollouts",
            "rollout_states",
            "rollout_waves",
            "rollout_wave_states",
            "tuf_metadata",
            "file_patches",
            "flyway_schema_history");
  }

  @Test
  void runningTwiceAppliesNothingTheSecondTime() {
    TestPostgres.Database db = TestPostgres.newDatabase();
    Migrator migrator = new Migrator(db.dataSource());
    migrator.migrate();

    assertThat(migrator.migrate()).isEmpty();
    assertThat(migrator.applied()).containsExactlyElementsOf(BUNDLED);
  }

  @Test
  void aDatabaseMigratedBeforeFlywayIsTakenOverWithoutLoss() {
    TestPostgres.Database db = TestPostgres.newDatabase();
    new Migrator(db.dataSource()).migrate();
    db.jdbi().useHandle(h -> h.execute("DROP TABLE flyway_schema_history"));
    db.jdbi().useHandle(h -> h.execute("INSERT INTO products (name) VALUES ('v-sekai')"));

    new Migrator(db.dataSource()).migrate();

    Integer products =
        db.jdbi()
            .withHandle(
                h -> h.createQuery("SELECT count(*) FROM products").mapTo(Integer.class).one());
    assertThat(products).isEqualTo(1);
  }

  @Test
  void refusesAMigrationThatChangedAfterItWasApplied() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase();
    Files.writeString(
        dir.resolve("V900__t.sql"), "CREATE TABLE IF NOT EXISTS t (id UUID PRIMARY KEY);");
    Migrator migrator = new Migrator(db.dataSource(), "filesystem:" + dir);
    migrator.migrate();
    Files.writeString(
        dir.resolve("V900__t.sql"), "CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY);");

    assertThatThrownBy(migrator::migrate).hasMessageContaining("checksum mismatch");
  }

  @Test
  void aFailedMigrationRunsAgainFromItsFirstStatementOnceFixed() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase();
    Path file = dir.resolve("V901__half.sql");
    Files.writeString(
        file,
        "CREATE TABLE IF NOT EXISTS half (id UUID);\n"
            + "CREATE INDEX IF NOT EXISTS half_by_nothing ON half (no_such_column);\n");
    Migrator migrator = new Migrator(db.dataSource(), "filesystem:" + dir);

    assertThatThrownBy(migrator::migrate).hasMessageContaining("no_such_column");
    // As on CockroachDB: the first statement stays, and the migration is not recorded as applied.
    assertThat(Tables.of(db)).contains("half");
    assertThat(migrator.applied()).isEmpty();

    Files.writeString(
        file,
        "CREATE TABLE IF NOT EXISTS half (id UUID);\n"
            + "CREATE INDEX IF NOT EXISTS half_by_id ON half (id);\n");
    assertThat(migrator.migrate()).containsExactly("V901__half.sql");
    assertThat(migrator.applied()).containsExactly("V901__half.sql");
  }

  @Test
  void servicesMigratingAtOnceApplyEachFileOnce() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<List<String>>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        runs.add(() -> new Migrator(db.dataSource()).migrate());
      }
      List<String> appliedByAll = new ArrayList<>();
      for (Future<List<String>> f : pool.invokeAll(runs)) {
        appliedByAll.addAll(f.get());
      }

      assertThat(appliedByAll).containsExactlyInAnyOrderElementsOf(BUNDLED);
    } finally {
      pool.shutdownNow();
    }
  }
}
