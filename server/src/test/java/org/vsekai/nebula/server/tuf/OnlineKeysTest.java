package org.vsekai.nebula.server.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.jackson.Jackson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.api.manifest.Ed25519Keys;
import org.vsekai.nebula.api.tuf.TufKey;
import org.vsekai.nebula.api.tuf.TufSigner;
import org.vsekai.nebula.server.config.TufFactory;

/** The online keys: made once, kept across restarts, configured ones first, rotations kept. */
class OnlineKeysTest {
  @TempDir Path dir;

  private static TufFactory config(String json) throws Exception {
    return Jackson.newObjectMapper().readValue(json, TufFactory.class);
  }

  @Test
  void thePublicKeyIsRebuiltFromThePrivateKeyAlone() {
    for (int i = 0; i < 20; i++) {
      KeyPair pair = Ed25519Keys.generate();
      assertThat(OnlineKeys.publicKeyOf(pair.getPrivate())).isEqualTo(pair.getPublic());
    }
  }

  @Test
  void theFirstStartMakesOneKeyPerRoleAndARestartKeepsThem() throws Exception {
    OnlineKeys first = OnlineKeys.configuredOrStored(config("{}"), dir);
    OnlineKeys again = OnlineKeys.configuredOrStored(config("{}"), dir);

    for (String role : OnlineKeys.ROLES) {
      assertThat(first.held(role)).hasSize(1);
      assertThat(again.held(role))
          .extracting(TufSigner::keyId)
          .containsExactly(first.held(role).get(0).keyId());
      Path file = dir.resolve("tuf").resolve(role).resolve("first.key");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    assertThat(first.held("timestamp").get(0).keyId())
        .isNotEqualTo(first.held("snapshot").get(0).keyId());
  }

  @Test
  void aConfiguredKeyIsUsedInsteadOfMakingOne() throws Exception {
    KeyPair pair = Ed25519Keys.generate();
    String base64 = Ed25519Keys.encode(pair.getPrivate());

    OnlineKeys keys =
        OnlineKeys.configuredOrStored(config("{\"timestampKey\": \"" + base64 + "\"}"), dir);

    assertThat(keys.held("timestamp"))
        .extracting(TufSigner::keyId)
        .containsExactly(TufKey.of(pair.getPublic()).keyId());
    assertThat(dir.resolve("tuf/timestamp")).doesNotExist();
    assertThat(keys.held("snapshot")).hasSize(1);
  }

  @Test
  void aNewKeyIsKeptBesideTheOldOnesAndSeenByAnotherInstance() throws Exception {
    OnlineKeys keys = OnlineKeys.configuredOrStored(config("{}"), dir);
    String old = keys.held("targets").get(0).keyId();

    TufKey created = keys.create("targets");

    assertThat(OnlineKeys.configuredOrStored(config("{}"), dir).held("targets"))
        .extracting(TufSigner::keyId)
        .containsExactlyInAnyOrder(old, created.keyId());
    assertThatThrownBy(() -> keys.create("root")).hasMessageContaining("not an online role");
  }

  @Test
  void aBadConfiguredKeyNamesTheSetting() {
    assertThatThrownBy(
            () ->
                OnlineKeys.configuredOrStored(config("{\"snapshotKey\": \"not-a-key\"}"), dir)
                    .held("snapshot"))
        .hasMessageContaining("tuf.snapshotKey");
    assertThat(List.of("timestamp", "snapshot", "targets")).isEqualTo(OnlineKeys.ROLES);
  }
}
