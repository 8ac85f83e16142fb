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
    PublisherToken first = PublisherToken.configuredOrStored(null, dir);
    PublisherToken second = PublisherToken.configuredOrStored("", dir);

    assertThat(second.value()).isEqualTo(first.value());
    assertThat(first.value()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(PublisherToken.FILE))))
        .isEqualTo("rw-------");
    assertThat(PublisherToken.configuredOrStored("configured", dir).value())
        .isEqualTo("configured");
  }

  @Test
  void onlyTheExactBearerTokenIsAccepted() {
    PublisherToken token = new PublisherToken("s3cret");

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
