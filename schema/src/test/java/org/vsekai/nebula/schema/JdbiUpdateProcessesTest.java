package org.vsekai.nebula.schema;

import org.junit.jupiter.api.Tag;
import org.vsekai.nebula.schema.testing.TestClock;
import org.vsekai.nebula.schema.testing.TestPostgres;

/** The update processes' contract on PostgreSQL. */
@Tag("integration")
class JdbiUpdateProcessesTest extends UpdateProcessesContract {
  @Override
  Stores newStores(TestClock clock) {
    TestPostgres.Database db = TestPostgres.newMigratedDatabase();
    return new Stores(
        Catalog.jdbi(db.transactions(), clock),
        new JdbiInstallRepository(db.transactions(), clock),
        new JdbiUpdateProcessRepository(db.transactions(), clock));
  }
}
