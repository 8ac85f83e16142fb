package org.vsekai.nebula.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.vsekai.nebula.api.Sha256;
import org.vsekai.nebula.schema.db.InstallCredentialDao;

/**
 * The credential each install proves itself with: {@code <installId>.<secret>}, the secret 256
 * random bits, issued once (at registration, or when an operator reissues it), kept by the service
 * only as a SHA-256 digest, and valid until revoked. The install id in front lets the service find
 * the one digest to compare, in constant time.
 */
public final class InstallCredentials {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SECRET_BYTES = 32;

  private final SerializableTransactions tx;
  private final Clock clock;

  public InstallCredentials(SerializableTransactions tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  /** Opens a new credential for the install in the caller's transaction; returns it in full. */
  static String issue(Handle h, UUID installId, Instant at) {
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    String text = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    h.attach(InstallCredentialDao.class).insert(installId, sha256(text), at);
    return installId + "." + text;
  }

  /**
   * Replaces the install's credential (the old one stops working at once); for an operator helping
   * a player whose folder lost it, or whose credential leaked.
   */
  public String reissue(UUID installId) {
    return tx.inTransaction(
        h -> {
          InstallRepository.install(h, installId);
          Instant now = now();
          h.attach(InstallCredentialDao.class).close(installId, now);
          return issue(h, installId, now);
        });
  }

  /** Revokes the install's credential; false when it had none valid. */
  public boolean revoke(UUID installId) {
    return tx.inTransaction(
        h -> {
          InstallRepository.install(h, installId);
          return h.attach(InstallCredentialDao.class).close(installId, now()) > 0;
        });
  }

  /** The install a credential belongs to, if it is well formed, known and valid now. */
  public Optional<UUID> verify(String credential) {
    Optional<Parsed> parsed = parse(credential);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    UUID installId = parsed.get().installId();
    Optional<String> stored =
        tx.inReadOnlyTransaction(
            h -> h.attach(InstallCredentialDao.class).validAt(installId, now()));
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    boolean matches =
        MessageDigest.isEqual(
            stored.get().getBytes(StandardCharsets.US_ASCII),
            sha256(parsed.get().secret()).getBytes(StandardCharsets.US_ASCII));
    return matches ? Optional.of(installId) : Optional.empty();
  }

  /** Whether a bearer value has the shape of an install credential (not a role's token). */
  public static boolean looksLikeInstallCredential(String credential) {
    return parse(credential).isPresent();
  }

  private record Parsed(UUID installId, String secret) {}

  private static Optional<Parsed> parse(String credential) {
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

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static String sha256(String secret) {
    return Sha256.hex(secret.getBytes(StandardCharsets.US_ASCII));
  }
}
