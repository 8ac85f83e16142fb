package org.vsekai.nebula.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.api.manifest.Ed25519Keys;
import org.vsekai.nebula.server.config.SigningFactory;

/** The publisher token and the signing key: made once, kept private, checked. */
class SecretsTest {

  @Test
  void aGeneratedTokenIsKeptOwnerOnlyAndReused(@TempDir Path dir) throws Exception {
    RoleToken first = RoleToken.configuredOrStored(null, dir, RoleToken.PUBLISHER_FILE);
    RoleToken second = RoleToken.configuredOrStored("", dir, RoleToken.PUBLISHER_FILE);

    assertThat(second.value()).isEqualTo(first.value());
    assertThat(first.value()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(RoleToken.PUBLISHER_FILE))))
        .isEqualTo("rw-------");
    assertThat(RoleToken.configuredOrStored("configured", dir, RoleToken.PUBLISHER_FILE).value())
        .isEqualTo("configured");
  }

  @Test
  void onlyTheExactBearerTokenIsAccepted() {
    RoleToken token = new RoleToken("s3cret");

    assertThat(token.accepts("Bearer s3cret")).isTrue();
    assertThat(token.accepts("bearer s3cret")).isTrue();
    assertThat(token.accepts("Bearer s3cre")).isFalse();
    assertThat(token.accepts("Bearer s3cret2")).isFalse();
    assertThat(token.accepts("Basic s3cret")).isFalse();
    assertThat(token.accepts("s3cret")).isFalse();
    assertThat(token.accepts(null)).isFalse();
  }

  @Test
  void aGeneratedSigningKeyIsReusedAcrossStarts(@TempDir Path dir) {
    SigningKeys first = SigningKeys.configuredOrStored(new SigningFactory(), dir);
    SigningKeys second = SigningKeys.configuredOrStored(new SigningFactory(), dir);

    assertThat(second.keyId()).isEqualTo(first.keyId());
  }

  @Test
  void aConfiguredKeyPairMustMatch() throws Exception {
    KeyPair a = Ed25519Keys.generate();
    KeyPair b = Ed25519Keys.generate();
    ObjectMapper json = new ObjectMapper();
    SigningFactory mismatched =
        json.convertValue(
            Map.of(
                "privateKey",
                Ed25519Keys.encode(a.getPrivate()),
                "publicKey",
                Ed25519Keys.encode(b.getPublic())),
            SigningFactory.class);
    SigningFactory matched =
        json.convertValue(
            Map.of(
                "privateKey",
                Ed25519Keys.encode(a.getPrivate()),
                "publicKey",
                Ed25519Keys.encode(a.getPublic())),
            SigningFactory.class);

    assertThatThrownBy(() -> SigningKeys.configuredOrStored(mismatched, Path.of("unused")))
        .hasMessage("the signing private and public keys are not a pair");
    assertThat(SigningKeys.configuredOrStored(matched, Path.of("unused")).keyId())
        .isEqualTo(Ed25519Keys.keyId(a.getPublic()));
  }
}
