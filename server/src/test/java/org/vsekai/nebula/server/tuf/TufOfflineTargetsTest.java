package org.vsekai.nebula.server.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.api.manifest.Ed25519Keys;
import org.vsekai.nebula.api.tuf.Metadata;
import org.vsekai.nebula.api.tuf.TufRefusal;
import org.vsekai.nebula.api.tuf.TufSigner;
import org.vsekai.nebula.api.tuf.TufUpdater;
import org.vsekai.nebula.server.NebulaConfiguration;
import org.vsekai.nebula.server.testing.ApiClient;
import org.vsekai.nebula.server.testing.NebulaApp;

/**
 * The targets role moved to a key the service does not hold: the service stops signing targets,
 * offers what it would publish next, and takes targets signed by that key (and no other), then
 * signs snapshot and timestamp over them for clients.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Tag("integration")
class TufOfflineTargetsTest {
  static final NebulaApp APP = NebulaApp.create();
  static final DropwizardAppExtension<NebulaConfiguration> EXT = APP.extension();

  @TempDir static Path work;

  private final ApiClient publisher = APP.publisher();
  private final ApiClient anonymous = APP.anonymous();

  @Test
  void targetsSignedByTheOfflineKeyAreAcceptedAndOthersRefused() throws Exception {
    TufFixtures.Releases releases = new TufFixtures.Releases(publisher, work.resolve("build"));
    releases.catalog("v-sekai", "stable");
    releases.publish("v-sekai", "1.0.0", "stable", "bin/game", 1);
    TufUpdater client =
        TufFixtures.pinnedClient(
            APP.baseUrl(), APP.services().signingKeys().publicKey(), work.resolve("client"));
    client.refresh();
    long targetsOnline = client.targets().version();

    TufSigner offline = new TufSigner(Ed25519Keys.generate());
    Metadata root = TufFixtures.served(anonymous, "root.json");
    ObjectNode next = TufFixtures.setRole(TufFixtures.nextRoot(root), "targets", 1, offline.key());
    ApiClient.Reply rotated =
        publisher.send(
            "PUT",
            "api/v1/tuf/metadata/root",
            "application/json",
            TufFixtures.sign(next, APP.services().signingKeys().tufSigner()));
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(201);

    // The targets the online key signed no longer count, and the service cannot sign new ones.
    assertThatThrownBy(client::refresh)
        .isInstanceOfSatisfying(
            TufRefusal.class,
            e -> assertThat(e.reason()).isEqualTo(TufRefusal.Reason.THRESHOLD_NOT_MET));
    releases.publish("v-sekai", "1.1.0", "stable", "bin/game", 2);
    assertThat(APP.services().tuf().metadata().latest("targets").orElseThrow().version())
        .isEqualTo(targetsOnline);

    ApiClient.Reply proposal = publisher.get("api/v1/tuf/targets-proposal");
    assertThat(proposal.status()).as(proposal.body()).isEqualTo(200);
    ObjectNode signed = (ObjectNode) ApiClient.JSON.readTree(proposal.bytes());
    assertThat(signed.get("version").asLong()).isEqualTo(targetsOnline + 1);
    assertThat(signed.get("targets").has("v-sekai/1.1.0/manifest.json")).isTrue();
    int rows = APP.count("tuf_metadata");

    ApiClient.Reply wrongKey = putTargets(signed.deepCopy(), new TufSigner(Ed25519Keys.generate()));
    assertThat(wrongKey.status()).as(wrongKey.body()).isEqualTo(400);
    assertThat(wrongKey.error()).contains("valid signature(s)");
    ApiClient.Reply byTheOldOnlineKey =
        putTargets(signed.deepCopy(), APP.services().tuf().onlineKeys().held("targets").get(0));
    assertThat(byTheOldOnlineKey.status()).as(byTheOldOnlineKey.body()).isEqualTo(400);
    ApiClient.Reply skipping =
        putTargets(signed.deepCopy().put("version", targetsOnline + 2), offline);
    assertThat(skipping.status()).as(skipping.body()).isEqualTo(400);
    assertThat(APP.count("tuf_metadata")).isEqualTo(rows);

    ApiClient.Reply accepted = putTargets(signed, offline);
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
    assertThat(accepted.body()).contains("\"snapshot\":").contains("\"timestamp\":");
    client.refresh();
    assertThat(client.targets().version()).isEqualTo(targetsOnline + 1);
    assertThat(client.download(client.target("v-sekai/1.1.0/manifest.json").orElseThrow()))
        .isNotEmpty();
  }

  private ApiClient.Reply putTargets(ObjectNode signed, TufSigner key) {
    return publisher.send(
        "PUT", "api/v1/tuf/metadata/targets", "application/json", TufFixtures.sign(signed, key));
  }
}
