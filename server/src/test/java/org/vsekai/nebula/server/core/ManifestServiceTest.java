package org.vsekai.nebula.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.manifest.ManifestJson;
import org.vsekai.nebula.api.manifest.ManifestVerifier;
import org.vsekai.nebula.api.manifest.ReleaseManifest;
import org.vsekai.nebula.api.manifest.SignedManifest;
import org.vsekai.nebula.api.rest.ReleaseRequest;
import org.vsekai.nebula.schema.Catalog;
import org.vsekai.nebula.schema.NewRelease;
import org.vsekai.nebula.schema.db.VersionFileRow;
import org.vsekai.nebula.schema.testing.TestClock;
import org.vsekai.nebula.schema.testing.TestPostgres;
import org.vsekai.nebula.server.config.SigningFactory;
import org.vsekai.nebula.server.testing.BuildUploader;

/**
 * Manifests are signed once, at publication, and served exactly as signed: no read signs anything
 * (issue 12: a re-signature on an anonymous read let anyone renew any manifest, withdrawn ones
 * included, and made every read a write). These tests used to assert the re-signing; they now
 * assert its absence.
 */
@Tag("integration")
class ManifestServiceTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration LIFETIME = Duration.ofDays(100);
  private static final ManifestFile FILE =
      new ManifestFile("bin/game", 10, "0755", "ab".repeat(32));

  private TestClock clock;
  private TestPostgres.Database db;
  private Catalog catalog;

  @BeforeEach
  void setUp() {
    clock = new TestClock(T0);
    db = TestPostgres.newMigratedDatabase();
    catalog = Catalog.jdbi(db.transactions(), clock);
    catalog.products().create("v-sekai", null, null);
    catalog.modes().create("stable", null, null);
  }

  private void publish(ManifestService manifests, String version) {
    ReleaseRequest request =
        new ReleaseRequest(
            "v-sekai", version, "stable", "bin/game", BuildUploader.CHUNKING, List.of(FILE), null);
    ReleaseManifest manifest = manifests.manifestOf(request, SemVer.parse(version));
    catalog
        .releases()
        .register(
            new NewRelease(
                "v-sekai",
                SemVer.parse(version),
                "stable",
                "bin/game",
                null,
                List.of(
                    new VersionFileRow(
                        FILE.path(), FILE.size(), FILE.permissions(), FILE.indexSha256())),
                manifests.sign(manifest)));
  }

  private static ReleaseManifest verify(SigningKeys keys, String envelope, Instant now) {
    SignedManifest signed =
        ManifestJson.read(envelope.getBytes(StandardCharsets.UTF_8), SignedManifest.class);
    return new ManifestVerifier(keys.publicKey())
        .verify(signed, new ManifestVerifier.Expectation("v-sekai", null, now, false));
  }

  @Test
  void aFreshManifestIsServedAsSigned(@TempDir Path dir) {
    SigningKeys keys = SigningKeys.configuredOrStored(new SigningFactory(), dir);
    ManifestService manifests = new ManifestService(catalog.versions(), keys, LIFETIME, clock);
    publish(manifests, "1.0.0");
    String first = manifests.currentEnvelope("v-sekai", SemVer.parse("1.0.0"));
    clock.advance(Duration.ofDays(50));

    assertThat(manifests.currentEnvelope("v-sekai", SemVer.parse("1.0.0"))).isEqualTo(first);
    assertThat(verify(keys, first, clock.instant()).expires()).isEqualTo(T0.plus(LIFETIME));
  }

  @Test
  void aManifestNearItsExpiryIsServedAsSignedAndNothingIsWritten(@TempDir Path dir) {
    SigningKeys keys = SigningKeys.configuredOrStored(new SigningFactory(), dir);
    ManifestService manifests = new ManifestService(catalog.versions(), keys, LIFETIME, clock);
    publish(manifests, "1.0.0");
    String signed = manifests.currentEnvelope("v-sekai", SemVer.parse("1.0.0"));
    clock.advance(Duration.ofDays(80)); // the old code re-signed once a quarter was left

    String served = manifests.currentEnvelope("v-sekai", SemVer.parse("1.0.0"));

    assertThat(served).isEqualTo(signed);
    assertThat(verify(keys, served, clock.instant()).expires()).isEqualTo(T0.plus(LIFETIME));
    assertThat(manifestRows()).isEqualTo(1);
  }

  @Test
  void anotherSigningKeyDoesNotSignOldManifestsOnRead(@TempDir Path dir) {
    SigningKeys oldKeys = SigningKeys.configuredOrStored(new SigningFactory(), dir.resolve("old"));
    publish(new ManifestService(catalog.versions(), oldKeys, LIFETIME, clock), "1.0.0");
    SigningKeys newKeys = SigningKeys.configuredOrStored(new SigningFactory(), dir.resolve("new"));

    String envelope =
        new ManifestService(catalog.versions(), newKeys, LIFETIME, clock)
            .currentEnvelope("v-sekai", SemVer.parse("1.0.0"));

    assertThat(verify(oldKeys, envelope, clock.instant()).version()).isEqualTo("1.0.0");
    assertThat(manifestRows()).isEqualTo(1);
  }

  private int manifestRows() {
    return db.jdbi()
        .withHandle(
            h -> h.createQuery("SELECT count(*) FROM manifests").mapTo(Integer.class).one());
  }
}
