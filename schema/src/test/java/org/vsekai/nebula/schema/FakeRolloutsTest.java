package org.vsekai.nebula.schema;

import org.vsekai.nebula.schema.testing.TestClock;

/** Reading rollouts on the in-memory fake that resource tests use. */
class FakeRolloutsTest extends RolloutRecordsContract {
  @Override
  Stores newStores(TestClock clock) {
    FakeCatalog catalog = FakeCatalog.create(clock);
    FakeRollouts rollouts = new FakeRollouts(catalog, clock);
    return new Stores() {
      @Override
      public Catalog catalog() {
        return catalog.catalog();
      }

      @Override
      public Created<Rollout> open(NewRollout rollout) {
        return rollouts.open(rollout);
      }

      @Override
      public RolloutRecords records() {
        return rollouts;
      }
    };
  }
}
