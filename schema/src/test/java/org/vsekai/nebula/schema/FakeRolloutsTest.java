package org.vsekai.nebula.schema;

import org.vsekai.nebula.schema.testing.TestClock;

/** Reading rollouts on the in-memory fake that resource tests use. */
class FakeRolloutsTest extends RolloutRecordsContract {
  @Override
  Stores newStores(TestClock clock) {
    FakeCatalog catalog = FakeCatalog.create(clock);
    FakeRollouts rollouts = new FakeRollouts(catalog, clock);
    return new Stores(catalog.catalog(), rollouts::open, rollouts);
  }
}
