package org.vsekai.nebula.schema;

import org.vsekai.nebula.schema.testing.TestClock;

/** The catalog's contract, on the in-memory fake that resource tests use. */
class FakeCatalogTest extends CatalogContract {
  @Override
  Catalog newCatalog(TestClock clock) {
    return FakeCatalog.inMemory(clock);
  }
}
