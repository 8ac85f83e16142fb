package org.vsekai.nebula.schema;

import org.junit.jupiter.api.Tag;
import org.vsekai.nebula.schema.testing.TestClock;
import org.vsekai.nebula.schema.testing.TestPostgres;

/** Reading rollouts on PostgreSQL, opened as the rollout workflow opens them. */
@Tag("integration")
class JdbiRolloutRecordsTest extends RolloutRecordsContract {
  @Override
  Stores newStores(TestClock clock) {
    TestPostgres.Database db = TestPostgres.newMigratedDatabase();
    Catalog catalog = Catalog.jdbi(db.transactions(), clock);
    RolloutRepository rollouts = new RolloutRepository(db.transactions(), clock);
    return new Stores(catalog, rollouts::open, rollouts);
  }
}
