package org.vsekai.nebula.schema;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.vsekai.nebula.schema.db.InstallCredentialDao;

/** Install credentials as digests in {@code install_credentials}, each with its validity. */
public final class JdbiInstallCredentials implements InstallCredentials {
  private final SerializableTransactions tx;
  private final Clock clock;

  public JdbiInstallCredentials(SerializableTransactions tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  /** Opens a new credential for the install in the caller's transaction; returns it in full. */
  static String issue(Handle h, UUID installId, Instant at) {
    String secret = CredentialText.newSecret();
    h.attach(InstallCredentialDao.class).insert(installId, CredentialText.digest(secret), at);
    return CredentialText.of(installId, secret);
  }

  @Override
  public String reissue(UUID installId) {
    return tx.inTransaction(
        h -> {
          JdbiInstallRepository.install(h, installId);
          Instant now = StoredInstants.now(clock);
          h.attach(InstallCredentialDao.class).close(installId, now);
          return issue(h, installId, now);
        });
  }

  @Override
  public boolean revoke(UUID installId) {
    return tx.inTransaction(
        h -> {
          JdbiInstallRepository.install(h, installId);
          return h.attach(InstallCredentialDao.class).close(installId, StoredInstants.now(clock))
              > 0;
        });
  }

  @Override
  public Optional<UUID> verify(String credential) {
    Optional<CredentialText.Parsed> parsed = CredentialText.parse(credential);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    UUID installId = parsed.get().installId();
    Optional<String> stored =
        tx.inReadOnlyTransaction(
            h ->
                h.attach(InstallCredentialDao.class).validAt(installId, StoredInstants.now(clock)));
    return stored.isPresent() && CredentialText.matches(stored.get(), parsed.get().secret())
        ? Optional.of(installId)
        : Optional.empty();
  }
}
