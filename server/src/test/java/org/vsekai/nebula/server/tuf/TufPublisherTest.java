package org.vsekai.nebula.server.tuf;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jackson.Jackson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.Sha256;
import org.vsekai.nebula.api.manifest.Ed25519Keys;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.manifest.ReleaseManifest;
import org.vsekai.nebula.api.rest.ReleaseRequest;
import org.vsekai.nebula.api.tuf.Metadata;
import org.vsekai.nebula.api.tuf.MetadataBuilder;
import org.vsekai.nebula.api.tuf.TufSigner;
import org.vsekai.nebula.schema.Catalog;
import org.vsekai.nebula.schema.NewRelease;
import org.vsekai.nebula.schema.TufMetadataRepository;
import org.vsekai.nebula.schema.db.TufMetadataRow;
import org.vsekai.nebula.schema.db.VersionFileRow;
import org.vsekai.nebula.schema.testing.TestClock;
import org.vsekai.nebula.schema.testing.TestPostgres;
import org.vsekai.nebula.server.config.SigningFactory;
import org.vsekai.nebula.server.config.TufFactory;
import org.vsekai.nebula.server.core.ManifestService;
import org.vsekai.nebula.server.core.SigningKeys;
import org.vsekai.nebula.server.store.IndexStore;
import org.vsekai.nebula.server.testing.BuildUploader;

/**
 * When the publisher signs what, on a clock the test moves: nothing when nothing is due, the
 * timestamp after a quarter of its window, targets and snapshot at half their life, all three when
 * the catalog changes, the root while the service holds its key, and never a role whose keys it
 * does not hold.
 */
@Tag("integration")
class TufPublisherTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  @TempDir Path dir;
  private TestClock clock;
  private TestPostgres.Database db;
  private Catalog catalog;
  private TufMetadataRepository metadata;
  private IndexStore indexes;
  private SigningKeys signingKeys;
  private OnlineKeys onlineKeys;
  private TufPublisher publisher;

  @BeforeEach
  void setUp() throws Exception {
    clock = new TestClock(T0);
    db = TestPostgres.newMigratedDatabase();
    catalog = Catalog.jdbi(db.transactions(), clock);
    metadata = new TufMetadataRepository(db.transactions());
    indexes = new IndexStore(Files.createDirectories(dir.resolve("index")));
    signingKeys = SigningKeys.configuredOrStored(new SigningFactory(), dir);
    TufFactory config = Jackson.newObjectMapper().readValue("{}", TufFactory.class);
    onlineKeys = OnlineKeys.configuredOrStored(config, dir);
    publisher =
        new TufPublisher(
            metadata,
            new CatalogTargets(indexes),
            onlineKeys,
            signingKeys.tufSigner(),
            TufLifetimes.of(config),
            clock);
  }

  private Metadata latest(String role) {
    return Metadata.parse(metadata.latest(role).orElseThrow().body(), role);
  }

  @Test
  void theFirstRefreshPublishesEveryRoleAndTheNextOneNothing() {
    assertThat(publisher.refresh().published())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("root", 1L, "targets", 1L, "snapshot", 1L, "timestamp", 1L));
    assertThat(latest("root").expires()).isEqualTo(T0.plus(Duration.ofDays(365)));
    assertThat(latest("timestamp").expires()).isEqualTo(T0.plus(Duration.ofDays(1)));

    clock.advance(Duration.ofHours(5));
    assertThat(publisher.refresh().published()).isEmpty();
  }

  @Test
  void theTimestampIsRenewedOnceAQuarterOfItsWindowHasPassed() {
    publisher.refresh();
    clock.advance(Duration.ofHours(6).plusSeconds(1));

    assertThat(publisher.refresh().published()).containsExactly(Map.entry("timestamp", 2L));
    assertThat(latest("timestamp").meta().get("snapshot.json").version()).isEqualTo(1);
  }

  @Test
  void targetsAndSnapshotAreRenewedAtHalfTheirLife() {
    publisher.refresh();
    clock.advance(Duration.ofDays(15).plusSeconds(1));

    assertThat(publisher.refresh().published())
        .containsExactlyInAnyOrderEntriesOf(Map.of("targets", 2L, "snapshot", 2L, "timestamp", 2L));
    assertThat(latest("snapshot").meta().get("targets.json").version()).isEqualTo(2);
  }

  @Test
  void aNewReleaseIsSignedIntoTargetsSnapshotAndTimestamp() throws Exception {
    publisher.refresh();
    publish("1.0.0");

    assertThat(publisher.refresh().published())
        .containsExactlyInAnyOrderEntriesOf(Map.of("targets", 2L, "snapshot", 2L, "timestamp", 2L));
    assertThat(latest("targets").targets())
        .containsKeys("v-sekai/1.0.0/manifest.json", "v-sekai/1.0.0/files/bin/game.caibx");
    assertThat(publisher.refresh().published()).as("the same catalog again").isEmpty();
  }

  @Test
  void theRootIsRenewedWhileTheServiceHoldsItsKey() {
    publisher.refresh();
    clock.advance(Duration.ofDays(183));

    assertThat(publisher.refresh().published()).containsEntry("root", 2L);
    Metadata root = latest("root");
    Metadata first = Metadata.parse(metadata.find("root", 1).orElseThrow().body(), "root");
    assertThat(root.expires()).isEqualTo(clock.instant().plus(Duration.ofDays(365)));
    assertThat(root.keys()).isEqualTo(first.keys());
    root.requireThreshold(first.keys(), first.roleKeys("root"), "root");
  }

  @Test
  void aRootSignedForAMonthIsRenewedForAMonthWhenHalfOfItHasPassed() {
    // Real time: how long a stored root was made to last is read against when it was stored.
    clock.set(Instant.now());
    publisher.refresh();
    metadata.insert(
        new TufMetadataRow(
            "root",
            2,
            MetadataBuilder.sign(
                TufFixtures.nextRoot(latest("root")), List.of(signingKeys.tufSigner()))));
    assertThat(publisher.refresh().published()).doesNotContainKey("root");

    clock.advance(Duration.ofDays(16));
    assertThat(publisher.refresh().published()).containsEntry("root", 3L);
    assertThat(latest("root").expires())
        .isBetween(
            clock.instant().plus(Duration.ofDays(29)), clock.instant().plus(Duration.ofDays(30)));
  }

  @Test
  void aRoleWhoseKeysTheServiceDoesNotHoldIsNotSigned() {
    publisher.refresh();
    TufSigner elsewhere = new TufSigner(Ed25519Keys.generate());
    Metadata root = latest("root");
    metadata.insert(
        new TufMetadataRow(
            "root",
            2,
            MetadataBuilder.sign(
                TufFixtures.setRole(TufFixtures.nextRoot(root), "timestamp", 1, elsewhere.key()),
                List.of(signingKeys.tufSigner()))));
    clock.advance(Duration.ofHours(12));

    assertThat(publisher.refresh().published()).doesNotContainKey("timestamp");
    assertThat(publisher.signers(latest("root"), "timestamp")).isEmpty();
    assertThat(publisher.signers(latest("root"), "snapshot"))
        .extracting(TufSigner::keyId)
        .containsExactlyElementsOf(
            onlineKeys.held("snapshot").stream().map(TufSigner::keyId).toList());
  }

  /** A release as ReleasePublisher stores it: its manifest signed, its index in the store. */
  private void publish(String version) throws Exception {
    catalog.products().create("v-sekai", null, null);
    catalog.modes().create("stable", null, null);
    byte[] caibx = BuildUploader.randomBytes(1000, 3);
    String sha = Sha256.hex(caibx);
    Files.write(indexes.path(sha), caibx);
    ManifestFile file = new ManifestFile("bin/game", 10, "0755", sha);
    ManifestService manifests =
        new ManifestService(catalog.versions(), signingKeys, Duration.ofDays(365), clock);
    ReleaseManifest manifest =
        manifests.manifestOf(
            new ReleaseRequest(
                "v-sekai",
                version,
                "stable",
                "bin/game",
                BuildUploader.CHUNKING,
                List.of(file),
                null),
            SemVer.parse(version));
    catalog
        .releases()
        .register(
            new NewRelease(
                "v-sekai",
                SemVer.parse(version),
                "stable",
                "bin/game",
                null,
                List.of(new VersionFileRow("bin/game", 10, "0755", sha)),
                manifests.sign(manifest)));
    clock.advance(Duration.ofSeconds(1));
  }
}
