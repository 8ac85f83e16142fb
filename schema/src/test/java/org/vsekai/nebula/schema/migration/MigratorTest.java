package org.vsekai.nebula.schema.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.schema.SerializableTransactions;
import org.vsekai.nebula.schema.testing.TestPostgres;

class MigratorTest {

  @Test
  void createsTheSeedTablesAndTheRelationsTheSeedLeavesOut() {
    TestPostgres.Database db = TestPostgres.newDatabase();
    List<String> applied = new Migrator(db.transactions()).migrate();

    assertThat(applied)
        .containsExactly(
            "V001__catalog.sql",
            "V002__installs.sql",
            "V003__rollouts.sql",
            "V004__rollout_targets.sql",
            "V005__install_credentials.sql");
    List<String> tables =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                        .mapTo(String.class)
                        .list());
    assertThat(tables)
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
            "schema_migrations");
  }

  @Test
  void runningTwiceAppliesNothingTheSecondTime() {
    TestPostgres.Database db = TestPostgres.newDatabase();
    Migrator migrator = new Migrator(db.transactions());
    migrator.migrate();

    assertThat(migrator.migrate()).isEmpty();
    assertThat(migrator.appliedVersions()).hasSize(Migrator.bundled().size());
  }

  @Test
  void refusesAMigrationThatChangedAfterItWasApplied() {
    TestPostgres.Database db = TestPostgres.newDatabase();
    Migrator migrator = new Migrator(db.transactions());
    migrator.migrate(List.of(new Migration("V900__t.sql", "CREATE TABLE t (id UUID PRIMARY KEY)")));

    assertThatThrownBy(
            () ->
                migrator.migrate(
                    List.of(new Migration("V900__t.sql", "CREATE TABLE t (id TEXT PRIMARY KEY)"))))
        .hasMessageContaining("V900__t.sql was changed after it was applied");
  }

  @Test
  void aFailingMigrationLeavesNoTraceAndNoRecord() {
    TestPostgres.Database db = TestPostgres.newDatabase();
    Migrator migrator = new Migrator(db.transactions());
    Migration broken =
        new Migration(
            "V901__broken.sql", "CREATE TABLE half (id UUID); SELECT no_such_column FROM half");

    assertThatThrownBy(() -> migrator.migrate(List.of(broken)))
        .hasMessageContaining("no_such_column");
    assertThat(migrator.appliedVersions()).isEmpty();
    Boolean absent =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT to_regclass('half') IS NULL").mapTo(Boolean.class).one());
    assertThat(absent).isTrue();
  }

  @Test
  void servicesMigratingAtOnceApplyEachFileOnce() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<List<String>>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        runs.add(() -> new Migrator(new SerializableTransactions(db.jdbi())).migrate());
      }
      List<String> appliedByAll = new ArrayList<>();
      for (Future<List<String>> f : pool.invokeAll(runs)) appliedByAll.addAll(f.get());

      assertThat(appliedByAll)
          .containsExactlyInAnyOrderElementsOf(
              Migrator.bundled().stream().map(Migration::version).toList());
    } finally {
      pool.shutdownNow();
    }
  }
}
