package org.vsekai.nebula.schema;

import org.vsekai.nebula.schema.testing.TestClock;

/** The update processes' contract on the in-memory fakes that resource tests use. */
class FakeUpdateProcessesTest extends UpdateProcessesContract {
  @Override
  Stores newStores(TestClock clock) {
    FakeCatalog catalog = FakeCatalog.create(clock);
    FakeInstalls installs = new FakeInstalls(catalog, clock);
    return new Stores(
        catalog.catalog(), installs, new FakeUpdateProcesses(catalog, installs, clock));
  }
}
