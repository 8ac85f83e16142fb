package org.vsekai.nebula.schema;

import java.util.Optional;
import java.util.UUID;

/**
 * The credential each install proves itself with: {@code <installId>.<secret>}, the secret 256
 * random bits, issued once (at registration, or when an operator reissues it), kept by the service
 * only as a SHA-256 digest, and valid until revoked. {@link JdbiInstallCredentials} stores them.
 */
public interface InstallCredentials {
  /**
   * Replaces the install's credential (the old one stops working at once); for an operator helping
   * a player whose folder lost it, or whose credential leaked.
   *
   * @throws RecordNotFoundException the install is not registered
   */
  String reissue(UUID installId);

  /**
   * Revokes the install's credential; false when it had none valid.
   *
   * @throws RecordNotFoundException the install is not registered
   */
  boolean revoke(UUID installId);

  /** The install a credential belongs to, if it is well formed, known and valid now. */
  Optional<UUID> verify(String credential);

  /** Whether a bearer value has the shape of an install credential (not a role's token). */
  static boolean looksLikeInstallCredential(String credential) {
    return CredentialText.parse(credential).isPresent();
  }
}
