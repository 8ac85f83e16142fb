package org.vsekai.nebula.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.manifest.Ed25519Keys;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.manifest.ManifestJson;
import org.vsekai.nebula.api.manifest.ManifestVerifier;
import org.vsekai.nebula.api.manifest.ReleaseManifest;
import org.vsekai.nebula.api.manifest.SignedManifest;
import org.vsekai.nebula.api.rest.ReleaseRequest;
import org.vsekai.nebula.schema.CatalogRepository;
import org.vsekai.nebula.schema.NewRelease;
import org.vsekai.nebula.schema.db.VersionFileRow;
import org.vsekai.nebula.schema.testing.TestClock;
import org.vsekai.nebula.schema.testing.TestPostgres;
import org.vsekai.nebula.server.testing.BuildUploader;

/**
 * Manifests stay verifiable for as long as they are served: expiring or old-key ones are re-signed.
 */
class ManifestServiceTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration LIFETIME = Duration.ofDays(100);
  private static final ManifestFile FILE =
      new ManifestFile("bin/game", 10, "0755", "ab".repeat(32));

  private TestClock clock;
  private CatalogRepository catalog;

  @BeforeEach
  void setUp() {
    clock = new TestClock(T0);
    catalog = new CatalogRepository(TestPostgres.newMigratedDatabase().transactions(), clock);
    catalog.createProduct("v-sekai", null, null);
    catalog.createMode("stable", null, null);
  }

  private void publish(ManifestService manifests, String version) {
    ReleaseRequest request =
        new ReleaseRequest(
            "v-sekai", version, "stable", "bin/game", BuildUploader.CHUNKING, List.of(FILE), null);
    ReleaseManifest manifest = manifests.manifestOf(request, SemVer.parse(version));
    catalog.registerRelease(
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
    SigningKeys keys =
        SigningKeys.configuredOrStored(new org.vsekai.nebula.server.config.SigningFactory(), dir);
    ManifestService manifests = new ManifestService(catalog, keys, LIFETIME, clock);
    publish(manifests, "1.0.0");
    String first = manifests.currentEnvelope("v-sekai", SemVer.parse("1.0.0"));
    clock.advance(Duration.ofDays(50));

    assertThat(manifests.currentEnvelope("v-sekai", SemVer.parse("1.0.0"))).isEqualTo(first);
    assertThat(verify(keys, first, clock.instant()).expires()).isEqualTo(T0.plus(LIFETIME));
  }

  @Test
  void aManifestWithLessThanAQuarterOfItsLifeLeftIsSignedAgain(@TempDir Path dir) {
    SigningKeys keys =
        SigningKeys.configuredOrStored(new org.vsekai.nebula.server.config.SigningFactory(), dir);
    ManifestService manifests = new ManifestService(catalog, keys, LIFETIME, clock);
    publish(manifests, "1.0.0");
    clock.advance(Duration.ofDays(80));

    String renewed = manifests.currentEnvelope("v-sekai", SemVer.parse("1.0.0"));

    ReleaseManifest m = verify(keys, renewed, clock.instant());
    assertThat(m.expires()).isEqualTo(clock.instant().plus(LIFETIME));
    assertThat(m.created()).isEqualTo(T0);
    assertThat(m.files()).containsExactly(FILE);
    clock.advance(Duration.ofDays(90));
    assertThat(
            verify(
                    keys,
                    manifests.currentEnvelope("v-sekai", SemVer.parse("1.0.0")),
                    clock.instant())
                .version())
        .isEqualTo("1.0.0");
  }

  @Test
  void aRotatedKeySignsOldManifestsOnTheirNextRead(@TempDir Path dir) {
    SigningKeys oldKeys =
        SigningKeys.configuredOrStored(
            new org.vsekai.nebula.server.config.SigningFactory(), dir.resolve("old"));
    publish(new ManifestService(catalog, oldKeys, LIFETIME, clock), "1.0.0");
    SigningKeys newKeys =
        SigningKeys.configuredOrStored(
            new org.vsekai.nebula.server.config.SigningFactory(), dir.resolve("new"));

    String envelope =
        new ManifestService(catalog, newKeys, LIFETIME, clock)
            .currentEnvelope("v-sekai", SemVer.parse("1.0.0"));

    assertThat(verify(newKeys, envelope, clock.instant()).version()).isEqualTo("1.0.0");
    assertThat(Ed25519Keys.keyId(newKeys.publicKey()))
        .isNotEqualTo(Ed25519Keys.keyId(oldKeys.publicKey()));
  }
}
