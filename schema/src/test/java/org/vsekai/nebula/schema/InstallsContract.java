package org.vsekai.nebula.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vsekai.nebula.schema.CatalogFixtures.release;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.schema.testing.TestClock;

/**
 * What installs and their credentials must do, whatever stores them: run on PostgreSQL ({@link
 * JdbiInstallsTest}) and on the in-memory fakes resource tests use ({@link FakeInstallsTest}).
 */
abstract class InstallsContract {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  /** The catalog, installs and credentials of one store, empty; "now" is {@code clock}'s. */
  record Stores(Catalog catalog, InstallRepository installs, InstallCredentials credentials) {}

  abstract Stores newStores(TestClock clock);

  private TestClock clock;
  private InstallRepository installs;
  private InstallCredentials credentials;
  private Catalog catalog;

  @BeforeEach
  void setUp() {
    clock = new TestClock(T0);
    Stores stores = newStores(clock);
    catalog = stores.catalog();
    installs = stores.installs();
    credentials = stores.credentials();
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

  @Test
  void registrationAssignsTheIdAndIssuesACredentialThatProvesIt() {
    InstallRepository.Registration first =
        installs.registerWithCredential("v-sekai", "stable", null);
    InstallRepository.Registration second =
        installs.registerWithCredential("v-sekai", "stable", null);

    assertThat(first.install().id()).isNotEqualTo(second.install().id());
    assertThat(first.credential()).startsWith(first.install().id() + ".");
    assertThat(credentials.verify(first.credential())).contains(first.install().id());
    assertThat(credentials.verify(second.credential())).contains(second.install().id());
  }

  @Test
  void aWrongMalformedOrForeignSecretProvesNothing() {
    InstallRepository.Registration a = installs.registerWithCredential("v-sekai", "stable", null);
    InstallRepository.Registration b = installs.registerWithCredential("v-sekai", "stable", null);
    String secretOfB = b.credential().substring(b.credential().indexOf('.') + 1);

    assertThat(credentials.verify(a.install().id() + "." + secretOfB)).isEmpty();
    assertThat(credentials.verify(a.credential() + "x")).isEmpty();
    assertThat(credentials.verify(UUID.randomUUID() + ".whatever")).isEmpty();
    assertThat(credentials.verify("not-a-credential")).isEmpty();
    assertThat(credentials.verify("")).isEmpty();
    assertThat(credentials.verify(null)).isEmpty();
  }

  @Test
  void aRevokedCredentialStopsWorkingAndAReissuedOneReplacesIt() {
    InstallRepository.Registration a = installs.registerWithCredential("v-sekai", "stable", null);
    UUID id = a.install().id();

    clock.advance(Duration.ofMinutes(1));
    assertThat(credentials.revoke(id)).isTrue();
    assertThat(credentials.verify(a.credential())).isEmpty();
    assertThat(credentials.revoke(id)).isFalse();

    clock.advance(Duration.ofMinutes(1));
    String fresh = credentials.reissue(id);
    assertThat(credentials.verify(fresh)).contains(id);
    assertThat(credentials.verify(a.credential())).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    String again = credentials.reissue(id);
    assertThat(credentials.verify(fresh)).isEmpty();
    assertThat(credentials.verify(again)).contains(id);
  }

  @Test
  void revokingAnUnknownInstallIsNotFound() {
    assertThatThrownBy(() -> credentials.revoke(UUID.randomUUID()))
        .isInstanceOf(RecordNotFoundException.class);
  }
}
