package org.vsekai.nebula.schema;

import org.junit.jupiter.api.Tag;
import org.vsekai.nebula.schema.testing.TestClock;
import org.vsekai.nebula.schema.testing.TestPostgres;

/** The catalog's contract, on PostgreSQL. */
@Tag("integration")
class JdbiCatalogTest extends CatalogContract {
  @Override
  Catalog newCatalog(TestClock clock) {
    return Catalog.jdbi(TestPostgres.newMigratedDatabase().transactions(), clock);
  }
}
