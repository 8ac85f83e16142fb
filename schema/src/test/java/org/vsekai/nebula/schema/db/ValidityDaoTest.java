package org.vsekai.nebula.schema.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.schema.testing.TestPostgres;

/** The period rules the schema itself enforces, whatever code writes to it. */
@Tag("integration")
class ValidityDaoTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private Jdbi jdbi;

  @BeforeEach
  void setUp() {
    jdbi = TestPostgres.newMigratedDatabase().jdbi();
  }

  @Test
  void aModeCannotHaveTwoOpenPeriods() {
    UUID mode = jdbi.withHandle(h -> CatalogEntries.modes(h).insert("stable"));
    jdbi.useHandle(h -> CatalogEntries.modes(h).insertValidity(mode, T0, null));

    assertThatThrownBy(
            () ->
                jdbi.useHandle(
                    h -> CatalogEntries.modes(h).insertValidity(mode, T0.plusSeconds(5), null)))
        .hasMessageContaining("mode_validities_one_open");
  }

  @Test
  void aPeriodCannotEndBeforeItStarts() {
    UUID mode = jdbi.withHandle(h -> CatalogEntries.modes(h).insert("stable"));

    assertThatThrownBy(
            () ->
                jdbi.useHandle(
                    h -> CatalogEntries.modes(h).insertValidity(mode, T0, T0.minusSeconds(1))))
        .hasMessageContaining("mode_validities_period");
  }

  @Test
  void closingAPeriodThatHasNotStartedLeavesItEmptyNotInverted() {
    UUID mode = jdbi.withHandle(h -> CatalogEntries.modes(h).insert("nightly"));
    jdbi.useHandle(h -> CatalogEntries.modes(h).insertValidity(mode, T0.plusSeconds(3600), null));

    int closed = jdbi.withHandle(h -> CatalogEntries.modes(h).closeValidity(mode, T0));

    assertThat(closed).isEqualTo(1);
    NamedRow row =
        jdbi.withHandle(h -> CatalogEntries.modes(h).findLatest("nightly")).orElseThrow();
    assertThat(row.validTo()).isEqualTo(row.validFrom());
    Optional<NamedRow> validLater =
        jdbi.withHandle(h -> CatalogEntries.modes(h).findValidAt("nightly", T0.plusSeconds(3600)));
    assertThat(validLater).isEmpty();
  }

  @Test
  void aVersionIsUniqueByPrecedenceNotByBuildMetadata() {
    UUID product = jdbi.withHandle(h -> CatalogEntries.products(h).insert("v-sekai"));
    jdbi.useExtension(VersionDao.class, d -> d.insert(product, 1, 0, 0, "rc.1", "build.1", null));

    assertThatThrownBy(
            () ->
                jdbi.useExtension(
                    VersionDao.class, d -> d.insert(product, 1, 0, 0, "rc.1", "build.2", null)))
        .hasMessageContaining("versions_precedence_unique");
    jdbi.useExtension(VersionDao.class, d -> d.insert(product, 1, 0, 0, "", "", null));
  }

  @Test
  void anUnknownUpdateStateIsRejected() {
    UUID product = jdbi.withHandle(h -> CatalogEntries.products(h).insert("v-sekai"));
    UUID install = UUID.randomUUID();
    jdbi.useExtension(InstallDao.class, d -> d.insert(install, product));
    UUID process = UUID.randomUUID();
    jdbi.useExtension(
        UpdateProcessDao.class, d -> d.insert(process, install, null, null, null, "[]", "{}"));

    assertThatThrownBy(
            () ->
                jdbi.useExtension(
                    UpdateProcessDao.class, d -> d.insertState(process, "Exploding", null, T0)))
        .hasMessageContaining("update_process_states_known");
  }
}
