package org.vsekai.nebula.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.vsekai.nebula.api.Sha256;

/**
 * The text of an install credential, {@code <installId>.<secret>}: the install id in front lets the
 * service find the one digest to compare, in constant time.
 */
final class CredentialText {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SECRET_BYTES = 32;

  private CredentialText() {}

  record Parsed(UUID installId, String secret) {}

  /** A new secret of 256 random bits, base64url. */
  static String newSecret() {
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  static String of(UUID installId, String secret) {
    return installId + "." + secret;
  }

  static Optional<Parsed> parse(String credential) {
    if (credential == null || credential.length() > 200) {
      return Optional.empty();
    }
    int dot = credential.indexOf('.');
    if (dot != 36 || dot == credential.length() - 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Parsed(UUID.fromString(credential.substring(0, dot)), credential.substring(dot + 1)));
    } catch (IllegalArgumentException notAUuid) {
      return Optional.empty();
    }
  }

  /** What is stored of a secret. */
  static String digest(String secret) {
    return Sha256.hex(secret.getBytes(StandardCharsets.US_ASCII));
  }

  /** Whether {@code secret} is the one whose digest is {@code storedDigest}, in constant time. */
  static boolean matches(String storedDigest, String secret) {
    return MessageDigest.isEqual(
        storedDigest.getBytes(StandardCharsets.US_ASCII),
        digest(secret).getBytes(StandardCharsets.US_ASCII));
  }
}
