package org.vsekai.nebula.server.tuf;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.Sha256;
import org.vsekai.nebula.api.manifest.ManifestJson;
import org.vsekai.nebula.api.manifest.ReleaseManifest;
import org.vsekai.nebula.api.manifest.SignedManifest;
import org.vsekai.nebula.api.rest.ReleaseInfo;
import org.vsekai.nebula.api.tuf.MetaFile;
import org.vsekai.nebula.api.tuf.Metadata;
import org.vsekai.nebula.api.tuf.RoleKeys;
import org.vsekai.nebula.api.tuf.TargetFile;
import org.vsekai.nebula.api.tuf.TufKey;
import org.vsekai.nebula.api.tuf.TufSigner;
import org.vsekai.nebula.api.tuf.TufUpdater;
import org.vsekai.nebula.schema.TufMetadataRepository;
import org.vsekai.nebula.server.NebulaConfiguration;
import org.vsekai.nebula.server.testing.ApiClient;
import org.vsekai.nebula.server.testing.NebulaApp;

/**
 * The service's TUF repository over real HTTP on loopback, against a real PostgreSQL: the first
 * root signed by the manifest key, Nebula's own TUF client following it, releases appearing and
 * disappearing in targets as they are published and withdrawn, and reads that never write.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Tag("integration")
class TufRepositoryApiTest {
  static final NebulaApp APP = NebulaApp.create();
  static final DropwizardAppExtension<NebulaConfiguration> EXT = APP.extension();

  @TempDir static Path work;
  static TufFixtures.Releases releases;
  static ReleaseInfo first;

  private final ApiClient anonymous = APP.anonymous();

  @BeforeAll
  static void publish() {
    releases = new TufFixtures.Releases(APP.publisher(), work.resolve("build"));
    releases.catalog("v-sekai", "stable", "beta");
    first = releases.publish("v-sekai", "1.0.0", "stable", "bin/game", 1);
  }

  @Test
  void theFirstRootIsSignedByTheManifestKeyAloneAndNamesTheOnlineKeys() {
    Metadata root = TufFixtures.served(anonymous, "1.root.json");
    TufKey manifestKey = TufKey.of(APP.services().signingKeys().publicKey());

    assertThat(root.version()).isEqualTo(1);
    assertThat(root.consistentSnapshot()).isTrue();
    assertThat(root.roleKeys("root")).isEqualTo(new RoleKeys(List.of(manifestKey.keyId()), 1));
    assertThat(root.signatures())
        .extracting(Metadata.Sig::keyid)
        .containsExactly(manifestKey.keyId());
    root.requireThreshold(Map.of(manifestKey.keyId(), manifestKey), root.roleKeys("root"), "pin");
    for (String role : OnlineKeys.ROLES) {
      assertThat(root.roleKeys(role).keyids())
          .containsExactlyElementsOf(
              APP.services().tuf().onlineKeys().held(role).stream().map(TufSigner::keyId).toList());
    }
    assertThat(TufFixtures.served(anonymous, "root.json").version()).isEqualTo(1);
  }

  @Test
  void everyRoleIsServedAndEachNamesTheOneBelowIt() {
    Metadata timestamp = TufFixtures.served(anonymous, "timestamp.json");
    MetaFile snapshotFile = timestamp.meta().get("snapshot.json");
    ApiClient.Reply snapshotReply =
        anonymous.get("api/v1/tuf/metadata/" + snapshotFile.version() + ".snapshot.json");
    Metadata snapshot = Metadata.parse(snapshotReply.bytes(), "snapshot");
    MetaFile targetsFile = snapshot.meta().get("targets.json");
    ApiClient.Reply targetsReply =
        anonymous.get("api/v1/tuf/metadata/" + targetsFile.version() + ".targets.json");
    Metadata targets = Metadata.parse(targetsReply.bytes(), "targets");

    assertThat(snapshotFile.length()).hasValue(snapshotReply.bytes().length);
    assertThat(targetsFile.length()).hasValue(targetsReply.bytes().length);
    assertThat(snapshotReply.raw().headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(targets.targets()).containsKey("v-sekai/1.0.0/manifest.json");
    Metadata root = TufFixtures.served(anonymous, "root.json");
    timestamp.requireThreshold(root.keys(), root.roleKeys("timestamp"), "timestamp");
    snapshot.requireThreshold(root.keys(), root.roleKeys("snapshot"), "snapshot");
    targets.requireThreshold(root.keys(), root.roleKeys("targets"), "targets");
    assertThat(
            anonymous
                .get("api/v1/tuf/metadata/timestamp.json")
                .raw()
                .headers()
                .firstValue("Cache-Control"))
        .hasValue("public, max-age=60");
  }

  @Test
  void aClientThatPinnedTheManifestKeyTrustsTheRepositoryAndDownloadsTheRelease() throws Exception {
    TufUpdater client =
        TufFixtures.pinnedClient(
            APP.baseUrl(), APP.services().signingKeys().publicKey(), work.resolve("client-a"));
    client.refresh();

    TargetFile manifest = client.target("v-sekai/1.0.0/manifest.json").orElseThrow();
    assertThat(manifest.custom("product")).isEqualTo("v-sekai");
    assertThat(manifest.custom("version")).isEqualTo("1.0.0");
    assertThat(manifest.custom().get("modes").toString()).isEqualTo("[\"stable\"]");
    SignedManifest stored = first.manifest();
    assertThat(client.download(manifest)).isEqualTo(stored.payloadBytes());

    String sha = indexOf(stored);
    TargetFile index = client.target("v-sekai/1.0.0/files/bin/game.caibx").orElseThrow();
    assertThat(index.hashes()).containsEntry("sha256", sha);
    assertThat(index.custom("version")).isEqualTo("1.0.0");
    byte[] caibx = client.download(index);
    assertThat(Sha256.hex(caibx)).isEqualTo(sha);
  }

  private static String indexOf(SignedManifest manifest) {
    return ManifestJson.read(manifest.payloadBytes(), ReleaseManifest.class)
        .files()
        .get(0)
        .indexSha256();
  }

  @Test
  void anonymousReadsNeverSignOrWriteAnything() {
    // Targets out of date on purpose: a version withdrawn behind the API's back (no refresh), so
    // any read that signed would have a new targets version to write. The names are read from the
    // table, not over HTTP, so that no read comes before the count.
    releases.publish("v-sekai", "0.9.0", "stable", "bin/game", 9);
    APP.services().catalog().releases().withdraw("v-sekai", SemVer.parse("0.9.0"));
    TufMetadataRepository stored = APP.services().tuf().metadata();
    long rootVersion = stored.latest("root").orElseThrow().version();
    long snapshotVersion = stored.latest("snapshot").orElseThrow().version();
    long targetsVersion = stored.latest("targets").orElseThrow().version();
    int tufRows = APP.count("tuf_metadata");
    int manifestRows = APP.count("manifests");
    List<String> paths =
        List.of(
            "api/v1/tuf/metadata/root.json",
            "api/v1/tuf/metadata/" + rootVersion + ".root.json",
            "api/v1/tuf/metadata/timestamp.json",
            "api/v1/tuf/metadata/" + snapshotVersion + ".snapshot.json",
            "api/v1/tuf/metadata/" + targetsVersion + ".targets.json",
            "api/v1/tuf/metadata/" + (rootVersion + 1) + ".root.json",
            "api/v1/tuf/targets/v-sekai/1.0.0/"
                + Sha256.hex(first.manifest().payloadBytes())
                + ".manifest.json",
            "api/v1/products/v-sekai/versions/1.0.0/manifest",
            "api/v1/products/v-sekai/versions/0.9.0/manifest");

    for (int i = 0; i < 50; i++) {
      for (String p : paths) {
        anonymous.get(p);
      }
    }

    assertThat(APP.count("tuf_metadata")).isEqualTo(tufRows);
    assertThat(APP.count("manifests")).isEqualTo(manifestRows);
    assertThat(anonymous.get("api/v1/tuf/metadata/timestamp.json").bytes())
        .as("the timestamp served is the stored one")
        .isEqualTo(stored.latest("timestamp").orElseThrow().body());
  }

  @Test
  void aPublishedReleaseIsATargetAtOnceAndAWithdrawnOneIsGone() {
    long before = latestTargets().version();
    releases.publish("v-sekai", "1.1.0-beta.1", "beta", "bin/game", 2);

    Metadata published = latestTargets();
    assertThat(published.version()).isGreaterThan(before);
    TargetFile beta = published.targets().get("v-sekai/1.1.0-beta.1/manifest.json");
    assertThat(beta).isNotNull();
    assertThat(beta.custom().get("modes").toString()).isEqualTo("[\"beta\"]");

    ApiClient.Reply promoted =
        APP.publisher()
            .post("api/v1/products/v-sekai/versions/1.1.0-beta.1/modes", Map.of("mode", "stable"));
    assertThat(promoted.status()).as(promoted.body()).isEqualTo(201);
    Metadata both = latestTargets();
    assertThat(both.version()).isGreaterThan(published.version());
    assertThat(
            both.targets()
                .get("v-sekai/1.1.0-beta.1/manifest.json")
                .custom()
                .get("modes")
                .toString())
        .isEqualTo("[\"beta\",\"stable\"]");

    ApiClient.Reply withdrawn =
        APP.publisher().delete("api/v1/products/v-sekai/versions/1.1.0-beta.1");
    assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
    Metadata after = latestTargets();
    assertThat(after.version()).isGreaterThan(both.version());
    assertThat(after.targets())
        .doesNotContainKeys(
            "v-sekai/1.1.0-beta.1/manifest.json", "v-sekai/1.1.0-beta.1/files/bin/game.caibx")
        .containsKey("v-sekai/1.0.0/manifest.json");
  }

  @Test
  void whatIsNotStoredIs404InJson() {
    String sha = "0".repeat(64);
    for (String path :
        List.of(
            "api/v1/tuf/metadata/99.root.json",
            "api/v1/tuf/metadata/0.root.json",
            "api/v1/tuf/metadata/mirrors.json",
            "api/v1/tuf/metadata/1.timestamp.json",
            "api/v1/tuf/targets/v-sekai/1.0.0/" + sha + ".manifest.json",
            "api/v1/tuf/targets/v-sekai/1.0.0/manifest.json",
            "api/v1/tuf/targets/v-sekai/9.9.9/" + sha + ".manifest.json",
            "api/v1/tuf/targets/v-sekai/1.0.0/files/bin/" + sha + ".game.caibx",
            "api/v1/tuf/targets/v-sekai/not-a-version/" + sha + ".manifest.json",
            "api/v1/tuf/targets/v-sekai/1.0.0/files/../" + sha + ".game.caibx")) {
      ApiClient.Reply r = anonymous.get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.error()).as(path).isNotBlank();
    }
  }

  @Test
  void aTargetIsServedOnlyUnderTheHashOfItsBytes() {
    String payloadSha = Sha256.hex(first.manifest().payloadBytes());
    ApiClient.Reply manifest =
        anonymous.get("api/v1/tuf/targets/v-sekai/1.0.0/" + payloadSha + ".manifest.json");
    assertThat(manifest.status()).isEqualTo(200);
    assertThat(manifest.bytes()).isEqualTo(first.manifest().payloadBytes());

    String indexSha = indexOf(first.manifest());
    assertThat(
            anonymous
                .get("api/v1/tuf/targets/v-sekai/1.0.0/files/bin/" + indexSha + ".game.caibx")
                .status())
        .isEqualTo(200);
    assertThat(
            anonymous
                .get("api/v1/tuf/targets/v-sekai/1.0.0/files/bin/" + indexSha + ".other.caibx")
                .status())
        .as("another file's name with this index")
        .isEqualTo(404);
  }

  private Metadata latestTargets() {
    Metadata timestamp = TufFixtures.served(anonymous, "timestamp.json");
    Metadata snapshot =
        TufFixtures.served(
            anonymous, timestamp.meta().get("snapshot.json").version() + ".snapshot.json");
    return TufFixtures.served(
        anonymous, snapshot.meta().get("targets.json").version() + ".targets.json");
  }
}
