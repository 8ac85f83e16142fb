package org.vsekai.nebula.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vsekai.nebula.schema.CatalogFixtures.release;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.rest.ModeInfo;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.api.rest.VersionInfo;
import org.vsekai.nebula.schema.testing.TestClock;
import org.vsekai.nebula.schema.testing.TestPostgres;

@Tag("integration")
class CatalogRepositoryTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);

  private TestPostgres.Database db;
  private TestClock clock;
  private CatalogRepository catalog;

  @BeforeEach
  void setUp() {
    db = TestPostgres.newMigratedDatabase();
    clock = new TestClock(T0);
    catalog = new CatalogRepository(db.transactions(), clock);
    catalog.createProduct("v-sekai", null, null);
    catalog.createMode("stable", null, null);
    catalog.createMode("beta", null, null);
  }

  private Optional<String> current(String mode) {
    return catalog.currentVersion("v-sekai", mode, clock.instant()).map(VersionInfo::version);
  }

  private void publish(String version, String mode) {
    catalog.registerRelease(release("v-sekai", version, mode, null, clock.instant()));
  }

  @Test
  void creatingAProductOrModeTwiceReturnsTheFirst() {
    Created<ModeInfo> again = catalog.createMode("stable", T0.plus(DAY), null);

    assertThat(again.created()).isFalse();
    assertThat(again.value().validFrom()).isEqualTo(T0);
    assertThat(catalog.createProduct("v-sekai", null, null).created()).isFalse();
  }

  @Test
  void currentVersionIsTheHighestSemVerWithPreReleasesBelowTheirRelease() {
    publish("0.9.0", "beta");
    publish("1.0.0-alpha", "beta");
    publish("1.0.0-alpha.1", "beta");
    publish("1.0.0-alpha.beta", "beta");
    publish("1.0.0-beta.11", "beta");
    publish("1.0.0-beta.2", "beta");

    // Numeric identifiers compare as numbers: beta.11 > beta.2, which text order gets wrong.
    assertThat(current("beta")).contains("1.0.0-beta.11");

    publish("1.0.0-rc.1", "beta");
    publish("1.0.0", "beta");
    assertThat(current("beta")).contains("1.0.0");
    publish("0.10.0", "beta");
    assertThat(current("beta")).contains("1.0.0");
    publish("1.0.1-alpha", "beta");
    assertThat(current("beta")).contains("1.0.1-alpha");
  }

  @Test
  void currentVersionOnlyCountsReleasesToThatMode() {
    publish("1.0.0", "stable");
    publish("1.1.0-beta.1", "beta");

    assertThat(current("stable")).contains("1.0.0");
    assertThat(current("beta")).contains("1.1.0-beta.1");
  }

  @Test
  void aVersionWhosePeriodEndedIsNoLongerOffered() {
    publish("1.0.0", "stable");
    clock.advance(Duration.ofHours(1));
    publish("1.1.0", "stable");
    clock.advance(Duration.ofHours(1));

    catalog.withdrawVersion("v-sekai", SemVer.parse("1.1.0"));

    assertThat(current("stable")).contains("1.0.0");
    VersionInfo withdrawn = catalog.findVersion("v-sekai", SemVer.parse("1.1.0"));
    assertThat(withdrawn.validTo()).isEqualTo(clock.instant());
    // Asked about the past, the answer is what was offered then.
    assertThat(
            catalog
                .currentVersion("v-sekai", "stable", clock.instant().minusSeconds(60))
                .map(VersionInfo::version))
        .contains("1.1.0");
  }

  @Test
  void aVersionWhosePeriodStartsTomorrowIsNotOfferedYet() {
    publish("1.0.0", "stable");
    catalog.registerRelease(release("v-sekai", "1.1.0", "stable", T0.plus(DAY), T0));

    assertThat(current("stable")).contains("1.0.0");
    assertThat(catalog.currentVersion("v-sekai", "stable", T0.plus(DAY)).map(VersionInfo::version))
        .contains("1.1.0");
    clock.advance(DAY);
    assertThat(current("stable")).contains("1.1.0");
  }

  @Test
  void withdrawingFromAModeKeepsItInOthers() {
    publish("1.0.0", "stable");
    publish("1.1.0", "beta");
    catalog.releaseToMode("v-sekai", SemVer.parse("1.1.0"), "stable", null);
    assertThat(current("stable")).contains("1.1.0");
    clock.advance(Duration.ofMinutes(5));

    VersionInfo after = catalog.withdrawFromMode("v-sekai", SemVer.parse("1.1.0"), "stable");

    assertThat(after.modes()).containsExactly("beta");
    assertThat(current("stable")).contains("1.0.0");
    assertThat(current("beta")).contains("1.1.0");
  }

  @Test
  void manyPreReleasesOfOneVersionAreAllConsidered() {
    // More pre-releases of one major.minor.patch than the first query reads: the winner must
    // still be found even though text order would not put it first.
    for (int i = 1; i <= CatalogRepository.CURRENT_VERSION_CANDIDATES + 8; i++) {
      publish("2.0.0-nightly." + i, "beta");
    }
    publish("1.9.9", "beta");

    assertThat(current("beta"))
        .contains("2.0.0-nightly." + (CatalogRepository.CURRENT_VERSION_CANDIDATES + 8));
  }

  @Test
  void aDuplicateVersionIsAConflictAndWritesNothing() {
    publish("1.0.0", "stable");

    assertThatThrownBy(() -> publish("1.0.0+build.7", "beta"))
        .isInstanceOf(RecordConflictException.class)
        .hasMessage("v-sekai 1.0.0+build.7 already exists");
    int versions =
        db.jdbi()
            .withHandle(
                h -> h.createQuery("SELECT count(*) FROM versions").mapTo(Integer.class).one());
    int releases =
        db.jdbi()
            .withHandle(
                h -> h.createQuery("SELECT count(*) FROM releases").mapTo(Integer.class).one());
    assertThat(versions).isEqualTo(1);
    assertThat(releases).isEqualTo(1);
  }

  @Test
  void unknownOrEndedProductsAndModesAreRefused() {
    assertThatThrownBy(() -> catalog.registerRelease(release("nope", "1.0.0", "stable", null, T0)))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessage("product 'nope' does not exist");
    assertThatThrownBy(
            () -> catalog.registerRelease(release("v-sekai", "1.0.0", "nightly", null, T0)))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessage("mode 'nightly' does not exist");
    catalog.retireMode("beta");
    assertThatThrownBy(() -> publish("1.0.0", "beta"))
        .isInstanceOf(RecordConflictException.class)
        .hasMessageContaining("mode 'beta' is not valid at");
    assertThatThrownBy(() -> catalog.currentVersion("nope", "stable", T0))
        .isInstanceOf(RecordNotFoundException.class);
  }

  @Test
  void modesValidNowExcludeEndedAndFutureOnes() {
    catalog.createMode("nightly", T0.plus(DAY), null);
    catalog.createMode("old", T0.minus(DAY.multipliedBy(2)), T0.minus(DAY));

    assertThat(catalog.modesValidNow(null, 50).items())
        .extracting(ModeInfo::name)
        .containsExactly("beta", "stable");
    clock.advance(DAY);
    assertThat(catalog.modesValidNow(null, 50).items())
        .extracting(ModeInfo::name)
        .containsExactly("beta", "nightly", "stable");
  }

  @Test
  void versionPagesWalkTheWholeListOnce() {
    for (int i = 0; i < 7; i++) {
      publish("1.0." + i, "stable");
      clock.advance(Duration.ofSeconds(1));
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page<VersionInfo> page = catalog.versions("v-sekai", cursor, 3);
      page.items().forEach(v -> seen.add(v.version()));
      cursor = page.next();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly("1.0.6", "1.0.5", "1.0.4", "1.0.3", "1.0.2", "1.0.1", "1.0.0");
  }

  @Test
  void aStoredManifestIsReadAsSignedWithItsFiles() {
    publish("1.0.0", "stable");

    CatalogRepository.StoredManifest stored = catalog.manifest("v-sekai", SemVer.parse("1.0.0"));

    assertThat(stored.manifest().envelope()).isEqualTo("{\"version\":\"1.0.0\"}");
    assertThat(stored.files()).hasSize(1);
  }
}
