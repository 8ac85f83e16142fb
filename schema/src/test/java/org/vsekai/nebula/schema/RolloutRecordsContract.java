package org.vsekai.nebula.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vsekai.nebula.schema.CatalogFixtures.release;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.schema.testing.TestClock;

/**
 * What reading rollouts must show of what was opened, whatever stores them: run on PostgreSQL
 * ({@link JdbiRolloutRecordsTest}) and on the in-memory fake ({@link FakeRolloutsTest}).
 */
abstract class RolloutRecordsContract {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  /** A catalog, and a way to open rollouts and read them back, of one store. */
  record Stores(
      Catalog catalog, Function<NewRollout, Created<Rollout>> opener, RolloutRecords records) {
    Created<Rollout> open(NewRollout rollout) {
      return opener.apply(rollout);
    }
  }

  abstract Stores newStores(TestClock clock);

  private TestClock clock;
  private Stores stores;

  @BeforeEach
  void setUp() {
    clock = new TestClock(T0);
    stores = newStores(clock);
    Catalog catalog = stores.catalog();
    catalog.products().create("v-sekai", null, null);
    catalog.modes().create("stable", null, null);
    catalog.releases().register(release("v-sekai", "0.2.0", "stable", null, T0));
    clock.advance(Duration.ofMinutes(1));
  }

  private static NewRollout rollout(UUID id, String version) {
    return new NewRollout(
        id, "v-sekai", SemVer.parse(version), "stable", 0.2, List.of(10, 100), 3600, "wf-" + id);
  }

  @Test
  void anOpenedRolloutReadsRunningWithItsWavesPending() {
    UUID id = UUID.randomUUID();
    assertThat(stores.open(rollout(id, "0.2.0")).created()).isTrue();
    assertThat(stores.open(rollout(id, "0.2.0")).created()).isFalse();

    Rollout r = stores.records().find(id);

    assertThat(r.version()).isEqualTo(SemVer.parse("0.2.0"));
    assertThat(r.mode()).isEqualTo("stable");
    assertThat(r.workflowId()).isEqualTo("wf-" + id);
    assertThat(r.state()).isEqualTo("Running");
    assertThat(r.states()).extracting(Rollout.StatePeriod::state).containsExactly("Running");
    assertThat(r.waves())
        .extracting(Rollout.Wave::percent, Rollout.Wave::state, Rollout.Wave::targeted)
        .containsExactly(Tuple.tuple(10, "Pending", 0L), Tuple.tuple(100, "Pending", 0L));
  }

  @Test
  void refusalsNameWhatIsWrong() {
    UUID id = UUID.randomUUID();
    stores.open(rollout(id, "0.2.0"));

    assertThatThrownBy(() -> stores.open(rollout(UUID.randomUUID(), "9.9.9")))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessage("v-sekai 9.9.9 does not exist");
    assertThatThrownBy(() -> stores.records().find(UUID.randomUUID()))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessageEndingWith(" does not exist");
    assertThatThrownBy(() -> stores.records().list("!!!", 2))
        .isInstanceOf(InvalidCursorException.class);
  }

  @Test
  void rolloutsListNewestFirstPageByPage() {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofSeconds(1));
      UUID id = UUID.randomUUID();
      ids.add(id);
      stores.open(rollout(id, "0.2.0"));
    }

    Listing<Rollout> first = stores.records().list(null, 2);
    Listing<Rollout> second = stores.records().list(first.next(), 2);

    assertThat(first.items()).extracting(Rollout::id).containsExactly(ids.get(2), ids.get(1));
    assertThat(second.items()).extracting(Rollout::id).containsExactly(ids.get(0));
    assertThat(second.next()).isNull();
  }
}
