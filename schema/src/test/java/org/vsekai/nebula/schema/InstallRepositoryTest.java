package org.vsekai.nebula.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vsekai.nebula.schema.CatalogFixtures.release;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.schema.testing.TestClock;
import org.vsekai.nebula.schema.testing.TestPostgres;

@Tag("integration")
class InstallRepositoryTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private TestClock clock;
  private InstallRepository installs;
  private Catalog catalog;

  @BeforeEach
  void setUp() {
    TestPostgres.Database db = TestPostgres.newMigratedDatabase();
    clock = new TestClock(T0);
    catalog = Catalog.jdbi(db.transactions(), clock);
    installs = new InstallRepository(db.transactions(), clock);
    catalog.products().create("v-sekai", null, null);
    catalog.products().create("other", null, null);
    catalog.modes().create("stable", null, null);
    catalog.modes().create("beta", null, null);
    catalog.releases().register(release("v-sekai", "1.0.0", "stable", null, T0));
    catalog.releases().register(release("v-sekai", "1.1.0-beta.1", "beta", null, T0));
  }

  @Test
  void aRepeatedRegistrationReturnsTheSameInstall() {
    UUID id = UUID.randomUUID();
    Created<Install> first = installs.register(id, "v-sekai", "stable", SemVer.parse("1.0.0"));
    clock.advance(Duration.ofMinutes(1));
    Created<Install> again = installs.register(id, "v-sekai", "beta", null);

    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.value()).isEqualTo(first.value());
    assertThat(first.value().mode()).isEqualTo("stable");
    assertThat(first.value().version()).isEqualTo(SemVer.parse("1.0.0"));
  }

  @Test
  void anIdOfAnotherProductIsAConflict() {
    UUID id = UUID.randomUUID();
    installs.register(id, "v-sekai", "stable", null);

    assertThatThrownBy(() -> installs.register(id, "other", "stable", null))
        .isInstanceOf(RecordConflictException.class)
        .hasMessageContaining("registered for product 'v-sekai'");
  }

  @Test
  void switchingModeClosesThePeriodAndChangesWhatIsLatest() {
    UUID id = installs.register(null, "v-sekai", "stable", null).value().id();
    assertThat(installs.latestFor(id)).map(v -> v.version().toString()).contains("1.0.0");
    clock.advance(Duration.ofHours(1));

    installs.switchMode(id, "beta");

    assertThat(installs.currentMode(id).mode()).isEqualTo("beta");
    assertThat(installs.currentMode(id).since()).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(installs.latestFor(id)).map(v -> v.version().toString()).contains("1.1.0-beta.1");
    Listing<InstallPeriod> history = installs.history(id, null, 10);
    assertThat(history.items())
        .containsExactly(
            new InstallPeriod(InstallPeriod.Kind.MODE, "beta", T0.plus(Duration.ofHours(1)), null),
            new InstallPeriod(InstallPeriod.Kind.MODE, "stable", T0, T0.plus(Duration.ofHours(1))));
  }

  @Test
  void switchingToTheCurrentModeChangesNothing() {
    UUID id = installs.register(null, "v-sekai", "stable", null).value().id();
    clock.advance(Duration.ofHours(1));

    installs.switchMode(id, "stable");

    assertThat(installs.history(id, null, 10).items()).hasSize(1);
  }

  @Test
  void historyPagesMixModesAndVersions() {
    UUID id = installs.register(null, "v-sekai", "stable", SemVer.parse("1.0.0")).value().id();
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofMinutes(1));
      installs.switchMode(id, i % 2 == 0 ? "beta" : "stable");
    }

    Listing<InstallPeriod> first = installs.history(id, null, 4);
    Listing<InstallPeriod> second = installs.history(id, first.next(), 4);

    assertThat(first.items()).hasSize(4);
    assertThat(second.items()).hasSize(2);
    assertThat(second.next()).isNull();
    assertThat(second.items())
        .extracting(InstallPeriod::kind)
        .containsExactlyInAnyOrder(InstallPeriod.Kind.MODE, InstallPeriod.Kind.VERSION);
  }

  @Test
  void unknownInstallsModesAndVersionsAreNotFound() {
    assertThatThrownBy(() -> installs.find(UUID.randomUUID()))
        .isInstanceOf(RecordNotFoundException.class);
    assertThatThrownBy(() -> installs.register(null, "v-sekai", "nightly", null))
        .isInstanceOf(RecordNotFoundException.class);
    assertThatThrownBy(() -> installs.register(null, "v-sekai", "stable", SemVer.parse("9.9.9")))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessage("v-sekai 9.9.9 does not exist");
  }
}
