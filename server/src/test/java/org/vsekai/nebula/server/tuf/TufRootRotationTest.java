package org.vsekai.nebula.server.tuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.api.manifest.Ed25519Keys;
import org.vsekai.nebula.api.tuf.Metadata;
import org.vsekai.nebula.api.tuf.TufKey;
import org.vsekai.nebula.api.tuf.TufSigner;
import org.vsekai.nebula.api.tuf.TufUpdater;
import org.vsekai.nebula.server.NebulaConfiguration;
import org.vsekai.nebula.server.testing.ApiClient;
import org.vsekai.nebula.server.testing.NebulaApp;

/**
 * A release engineer's root rotations through {@code PUT /api/v1/tuf/metadata/root}: root N+1 is
 * stored only when a threshold of root N's root keys and of its own signed it, it follows N, and it
 * has not expired; and after an online key rotation the service signs with the new key and a client
 * that trusted the old root follows. Each test reads the current root, so they hold in any order.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Tag("integration")
class TufRootRotationTest {
  static final NebulaApp APP = NebulaApp.create();
  static final DropwizardAppExtension<NebulaConfiguration> EXT = APP.extension();

  /** Every root private key the tests know, by keyid: the manifest key, then rotated ones. */
  static final Map<String, TufSigner> ROOT_KEYS = new ConcurrentHashMap<>();

  @TempDir static Path work;

  private final ApiClient publisher = APP.publisher();
  private final ApiClient anonymous = APP.anonymous();

  @BeforeAll
  static void knowTheManifestKey() {
    TufSigner manifestKey = APP.services().signingKeys().tufSigner();
    ROOT_KEYS.put(manifestKey.keyId(), manifestKey);
    new TufFixtures.Releases(APP.publisher(), work.resolve("build")).catalog("v-sekai", "stable");
    new TufFixtures.Releases(APP.publisher(), work.resolve("build"))
        .publish("v-sekai", "1.0.0", "stable", "bin/game", 1);
  }

  private Metadata currentRoot() {
    return TufFixtures.served(anonymous, "root.json");
  }

  /** The known keys the current root gives its root role. */
  private TufSigner[] currentRootSigners() {
    return currentRoot().roleKeys("root").keyids().stream()
        .map(ROOT_KEYS::get)
        .filter(Objects::nonNull)
        .toArray(TufSigner[]::new);
  }

  private ApiClient.Reply putRoot(ApiClient as, byte[] body) {
    return as.send("PUT", "api/v1/tuf/metadata/root", "application/json", body);
  }

  private void assertRefused(ApiClient.Reply reply, int status, String error) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    if (error != null) {
      assertThat(reply.error()).contains(error);
    }
  }

  @Test
  void theNextRootSignedByTheRootKeysIsStoredAndServed() {
    Metadata current = currentRoot();
    byte[] next = TufFixtures.sign(TufFixtures.nextRoot(current), currentRootSigners());

    ApiClient.Reply reply = putRoot(publisher, next);

    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(reply.body()).contains("\"role\":\"root\"");
    long version = current.version() + 1;
    assertThat(anonymous.get("api/v1/tuf/metadata/" + version + ".root.json").bytes())
        .isEqualTo(next);
    assertThat(currentRoot().version()).isEqualTo(version);
  }

  @Test
  void aRootKeyRotationNeedsTheOldKeysAndThenRefusesThem() {
    TufSigner newKey = new TufSigner(Ed25519Keys.generate());
    Metadata current = currentRoot();
    TufSigner[] oldKeys = currentRootSigners();
    ObjectNode rotated =
        TufFixtures.setRole(TufFixtures.nextRoot(current), "root", 1, newKey.key());
    int rows = APP.count("tuf_metadata");

    // Signed by the new key alone: the old root never agreed to it.
    assertRefused(
        putRoot(publisher, TufFixtures.sign(rotated.deepCopy(), newKey)),
        400,
        "valid signature(s)");
    // Signed by the old key alone: the new root's own threshold is not met.
    assertRefused(
        putRoot(publisher, TufFixtures.sign(rotated.deepCopy(), oldKeys)),
        400,
        "valid signature(s)");
    assertThat(APP.count("tuf_metadata")).isEqualTo(rows);

    TufSigner[] both = Arrays.copyOf(oldKeys, oldKeys.length + 1);
    both[oldKeys.length] = newKey;
    ApiClient.Reply accepted = putRoot(publisher, TufFixtures.sign(rotated, both));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
    ROOT_KEYS.put(newKey.keyId(), newKey);

    // The old key, leaked say, can no longer sign a root.
    ObjectNode byTheOldKey = TufFixtures.nextRoot(currentRoot());
    assertRefused(
        putRoot(publisher, TufFixtures.sign(byTheOldKey, oldKeys)), 400, "valid signature(s)");
    assertThat(currentRoot().version()).isEqualTo(current.version() + 1);
  }

  @Test
  void aRootThatDoesNotFollowTheCurrentOneHasExpiredOrCannotBeServedIsRefused() {
    Metadata current = currentRoot();
    ObjectNode skips = TufFixtures.nextRoot(current).put("version", current.version() + 2);
    ObjectNode same = TufFixtures.nextRoot(current).put("version", current.version());
    ObjectNode expired =
        TufFixtures.nextRoot(current)
            .put(
                "expires",
                Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
    ObjectNode inconsistent = TufFixtures.nextRoot(current).put("consistent_snapshot", false);
    ObjectNode unmeetable = TufFixtures.nextRoot(current);
    ((ObjectNode) unmeetable.get("roles").get("targets")).put("threshold", 2);
    ObjectNode foreignTimestamp =
        TufFixtures.setRole(
            TufFixtures.nextRoot(current),
            "timestamp",
            1,
            new TufSigner(Ed25519Keys.generate()).key());
    int rows = APP.count("tuf_metadata");

    assertRefused(
        putRoot(publisher, TufFixtures.sign(skips, currentRootSigners())),
        400,
        "the next root is version " + (current.version() + 1));
    assertRefused(putRoot(publisher, TufFixtures.sign(same, currentRootSigners())), 400, null);
    assertRefused(
        putRoot(publisher, TufFixtures.sign(expired, currentRootSigners())), 400, "expired");
    assertRefused(
        putRoot(publisher, TufFixtures.sign(inconsistent, currentRootSigners())),
        400,
        "consistent");
    assertRefused(
        putRoot(publisher, TufFixtures.sign(unmeetable, currentRootSigners())),
        400,
        "gives targets a threshold of 2 but only 1 of its keys");
    assertRefused(
        putRoot(publisher, TufFixtures.sign(foreignTimestamp, currentRootSigners())),
        400,
        "the service holds no timestamp key");
    assertThat(APP.count("tuf_metadata")).isEqualTo(rows);
  }

  @Test
  void malformedRootsAreRefusedWithTheReason() {
    int rows = APP.count("tuf_metadata");
    for (String body :
        List.of(
            "not json",
            "{}",
            "[]",
            "{\"signed\": {\"_type\": \"root\"}, \"signatures\": []}",
            "{\"signed\": {}, \"signed\": {}, \"signatures\": []}")) {
      assertRefused(putRoot(publisher, body.getBytes(StandardCharsets.UTF_8)), 400, null);
    }
    assertRefused(putRoot(publisher, new byte[0]), 400, "body is missing");
    byte[] targets = anonymous.get("api/v1/tuf/metadata/1.targets.json").bytes();
    assertRefused(putRoot(publisher, targets), 400, "not 'root'");
    assertThat(APP.count("tuf_metadata")).isEqualTo(rows);
  }

  @Test
  void onlyThePublisherMayUploadRootsOrMakeKeys() {
    byte[] next = TufFixtures.sign(TufFixtures.nextRoot(currentRoot()), currentRootSigners());
    int rows = APP.count("tuf_metadata");

    assertRefused(putRoot(anonymous, next), 401, null);
    assertRefused(putRoot(APP.support(), next), 403, null);
    assertRefused(putRoot(publisher.withToken("not-the-token"), next), 401, null);
    assertRefused(anonymous.post("api/v1/tuf/online-keys/timestamp", ""), 401, null);
    assertRefused(APP.support().post("api/v1/tuf/online-keys/timestamp", ""), 403, null);
    assertRefused(anonymous.get("api/v1/tuf/targets-proposal"), 401, null);
    assertRefused(publisher.post("api/v1/tuf/online-keys/root", ""), 400, "not an online role");
    assertThat(APP.count("tuf_metadata")).isEqualTo(rows);
  }

  @Test
  void afterATimestampKeyRotationTheNewKeySignsAndAClientOfTheOldRootFollows() throws Exception {
    TufUpdater client =
        TufFixtures.pinnedClient(
            APP.baseUrl(), APP.services().signingKeys().publicKey(), work.resolve("client"));
    client.refresh();
    long timestampBefore = TufFixtures.served(anonymous, "timestamp.json").version();
    TufKey newKey = TufFixtures.newOnlineKey(publisher, "timestamp");
    assertThat(TufFixtures.served(anonymous, "timestamp.json").version())
        .as("a key no root names signs nothing")
        .isEqualTo(timestampBefore);

    Metadata current = currentRoot();
    ObjectNode next = TufFixtures.setRole(TufFixtures.nextRoot(current), "timestamp", 1, newKey);
    ApiClient.Reply accepted = putRoot(publisher, TufFixtures.sign(next, currentRootSigners()));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
    assertThat(accepted.body()).contains("\"timestamp\":");

    Metadata timestamp = TufFixtures.served(anonymous, "timestamp.json");
    assertThat(timestamp.version()).isGreaterThan(timestampBefore);
    assertThat(timestamp.signatures())
        .extracting(Metadata.Sig::keyid)
        .containsExactly(newKey.keyId());
    client.refresh();
    assertThat(client.root().version()).isEqualTo(current.version() + 1);
    assertThat(client.target("v-sekai/1.0.0/manifest.json")).isPresent();
  }
}
