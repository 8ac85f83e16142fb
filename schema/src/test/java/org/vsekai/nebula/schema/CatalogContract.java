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
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.schema.testing.TestClock;

/**
 * What every {@link Catalog} must do, whatever stores it: run against the database ({@link
 * JdbiCatalogTest}) and against the in-memory {@link FakeCatalog} ({@link FakeCatalogTest}), so
 * tests that use the fake can trust it.
 */
abstract class CatalogContract {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);

  private TestClock clock;
  private Catalog catalog;

  /** A new, empty catalog whose "now" is {@code clock}'s. */
  abstract Catalog newCatalog(TestClock clock);

  @BeforeEach
  void setUp() {
    clock = new TestClock(T0);
    catalog = newCatalog(clock);
    catalog.products().create("v-sekai", null, null);
    catalog.modes().create("stable", null, null);
    catalog.modes().create("beta", null, null);
  }

  private Optional<String> current(String mode) {
    return catalog
        .versions()
        .current("v-sekai", mode, clock.instant())
        .map(v -> v.version().toString());
  }

  private void publish(String version, String mode) {
    catalog.releases().register(release("v-sekai", version, mode, null, clock.instant()));
  }

  @Test
  void creatingAProductOrModeTwiceReturnsTheFirst() {
    Created<CatalogEntry> again = catalog.modes().create("stable", T0.plus(DAY), null);

    assertThat(again.created()).isFalse();
    assertThat(again.value().validFrom()).isEqualTo(T0);
    assertThat(catalog.products().create("v-sekai", null, null).created()).isFalse();
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

    catalog.releases().withdraw("v-sekai", SemVer.parse("1.1.0"));

    assertThat(current("stable")).contains("1.0.0");
    PublishedVersion withdrawn = catalog.versions().find("v-sekai", SemVer.parse("1.1.0"));
    assertThat(withdrawn.validTo()).isEqualTo(clock.instant());
    // Asked about the past, the answer is what was offered then.
    assertThat(
            catalog
                .versions()
                .current("v-sekai", "stable", clock.instant().minusSeconds(60))
                .map(v -> v.version().toString()))
        .contains("1.1.0");
  }

  @Test
  void aVersionWhosePeriodStartsTomorrowIsNotOfferedYet() {
    publish("1.0.0", "stable");
    catalog.releases().register(release("v-sekai", "1.1.0", "stable", T0.plus(DAY), T0));

    assertThat(current("stable")).contains("1.0.0");
    assertThat(
            catalog
                .versions()
                .current("v-sekai", "stable", T0.plus(DAY))
                .map(v -> v.version().toString()))
        .contains("1.1.0");
    clock.advance(DAY);
    assertThat(current("stable")).contains("1.1.0");
  }

  @Test
  void withdrawingFromAModeKeepsItInOthers() {
    publish("1.0.0", "stable");
    publish("1.1.0", "beta");
    catalog.releases().releaseToMode("v-sekai", SemVer.parse("1.1.0"), "stable", null);
    assertThat(current("stable")).contains("1.1.0");
    clock.advance(Duration.ofMinutes(5));

    PublishedVersion after =
        catalog.releases().withdrawFromMode("v-sekai", SemVer.parse("1.1.0"), "stable");

    assertThat(after.modes()).containsExactly("beta");
    assertThat(current("stable")).contains("1.0.0");
    assertThat(current("beta")).contains("1.1.0");
  }

  @Test
  void manyPreReleasesOfOneVersionAreAllConsidered() {
    // More pre-releases of one major.minor.patch than the first query reads: the winner must
    // still be found even though text order would not put it first.
    for (int i = 1; i <= JdbiVersionRepository.CURRENT_VERSION_CANDIDATES + 8; i++) {
      publish("2.0.0-nightly." + i, "beta");
    }
    publish("1.9.9", "beta");

    assertThat(current("beta"))
        .contains("2.0.0-nightly." + (JdbiVersionRepository.CURRENT_VERSION_CANDIDATES + 8));
  }

  @Test
  void aDuplicateVersionIsAConflictAndWritesNothing() {
    publish("1.0.0", "stable");

    assertThatThrownBy(() -> publish("1.0.0+build.7", "beta"))
        .isInstanceOf(RecordConflictException.class)
        .hasMessage("v-sekai 1.0.0+build.7 already exists");
    assertThat(catalog.versions().list("v-sekai", null, 10).items())
        .singleElement()
        .satisfies(v -> assertThat(v.modes()).containsExactly("stable"));
    assertThat(current("beta")).isEmpty();
  }

  @Test
  void unknownOrEndedProductsAndModesAreRefused() {
    assertThatThrownBy(
            () -> catalog.releases().register(release("nope", "1.0.0", "stable", null, T0)))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessage("product 'nope' does not exist");
    assertThatThrownBy(
            () -> catalog.releases().register(release("v-sekai", "1.0.0", "nightly", null, T0)))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessage("mode 'nightly' does not exist");
    catalog.modes().retire("beta");
    assertThatThrownBy(() -> publish("1.0.0", "beta"))
        .isInstanceOf(RecordConflictException.class)
        .hasMessageContaining("mode 'beta' is not valid at");
    assertThatThrownBy(() -> catalog.versions().current("nope", "stable", T0))
        .isInstanceOf(RecordNotFoundException.class);
  }

  @Test
  void modesValidNowExcludeEndedAndFutureOnes() {
    catalog.modes().create("nightly", T0.plus(DAY), null);
    catalog.modes().create("old", T0.minus(DAY.multipliedBy(2)), T0.minus(DAY));

    assertThat(catalog.modes().validNow(null, 50).items())
        .extracting(CatalogEntry::name)
        .containsExactly("beta", "stable");
    clock.advance(DAY);
    assertThat(catalog.modes().validNow(null, 50).items())
        .extracting(CatalogEntry::name)
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
      Listing<PublishedVersion> page = catalog.versions().list("v-sekai", cursor, 3);
      page.items().forEach(v -> seen.add(v.version().toString()));
      cursor = page.next();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly("1.0.6", "1.0.5", "1.0.4", "1.0.3", "1.0.2", "1.0.1", "1.0.0");
  }

  @Test
  void aStoredManifestIsReadAsSignedWithItsFiles() {
    publish("1.0.0", "stable");

    VersionRepository.StoredManifest stored =
        catalog.versions().manifest("v-sekai", SemVer.parse("1.0.0"));

    assertThat(stored.manifest().envelope()).isEqualTo("{\"version\":\"1.0.0\"}");
    assertThat(stored.files()).hasSize(1);
  }

  @Test
  void entriesPageByNameAndRefuseCursorsTheyDidNotMake() {
    for (String m : List.of("m-c", "m-a", "m-e", "m-b", "m-d")) {
      catalog.modes().create(m, null, null);
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      Listing<CatalogEntry> page = catalog.modes().validNow(cursor, 2);
      assertThat(page.items().size()).isLessThanOrEqualTo(2);
      page.items().forEach(e -> seen.add(e.name()));
      cursor = page.next();
    } while (cursor != null);

    assertThat(seen).containsExactly("beta", "m-a", "m-b", "m-c", "m-d", "m-e", "stable");
    assertThatThrownBy(() -> catalog.modes().validNow("!!!", 2))
        .isInstanceOf(InvalidCursorException.class);
    assertThatThrownBy(() -> catalog.modes().validNow(PageCursors.encode(PageCursors.NEWEST), 2))
        .isInstanceOf(InvalidCursorException.class);
  }

  @Test
  void badPeriodsAreRefusedAndCreateNothing() {
    assertThatThrownBy(() -> catalog.modes().create("inverted", T0.plus(DAY), T0))
        .isInstanceOf(InvalidPeriodException.class)
        .hasMessageContaining("must be after validFrom");
    assertThatThrownBy(
            () -> catalog.products().create("far", Instant.parse("+300000-01-01T00:00:00Z"), null))
        .isInstanceOf(InvalidPeriodException.class)
        .hasMessageContaining("outside the years 1970 to 9999");

    assertThat(catalog.modes().validNow(null, 50).items())
        .extracting(CatalogEntry::name)
        .containsExactly("beta", "stable");
    assertThat(catalog.products().validNow(null, 50).items())
        .extracting(CatalogEntry::name)
        .containsExactly("v-sekai");
  }

  @Test
  void retiringEndsThePeriodNowAndAnUnknownNameIsNotFound() {
    clock.advance(DAY);
    CatalogEntry retired = catalog.products().retire("v-sekai");

    assertThat(retired.validTo()).isEqualTo(T0.plus(DAY));
    assertThat(catalog.products().validNow(null, 50).items()).isEmpty();
    assertThatThrownBy(() -> catalog.modes().retire("never-made"))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessage("mode 'never-made' does not exist");
    assertThatThrownBy(() -> catalog.products().retire("never-made"))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessage("product 'never-made' does not exist");
  }

  @Test
  void releasingTwiceToAModeConflictsAndWithdrawingWhatIsNotReleasedIsNotFound() {
    publish("1.0.0", "stable");
    SemVer v = SemVer.parse("1.0.0");

    assertThatThrownBy(() -> catalog.releases().releaseToMode("v-sekai", v, "stable", null))
        .isInstanceOf(RecordConflictException.class)
        .hasMessage("v-sekai 1.0.0 is already released to stable");
    assertThatThrownBy(() -> catalog.releases().withdrawFromMode("v-sekai", v, "beta"))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessage("v-sekai 1.0.0 is not released to beta");
    assertThatThrownBy(() -> catalog.versions().find("v-sekai", SemVer.parse("9.9.9")))
        .isInstanceOf(RecordNotFoundException.class)
        .hasMessage("v-sekai 9.9.9 does not exist");
    assertThat(catalog.versions().find("v-sekai", SemVer.parse("1.0.0+other-build")).modes())
        .containsExactly("stable");
  }
}
