package org.vsekai.nebula.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.vsekai.nebula.gateway.InstallAuthenticator;
import org.vsekai.nebula.gateway.InstallCaller;
import org.vsekai.nebula.schema.InstallCredentials;

/**
 * Install credentials as the REST API and the gateway check them: against the database, with the
 * answer kept {@link #TTL}. Every long poll and heartbeat of every online install carries the
 * credential, and a database read for each would cost more than the work itself; the price is that
 * a revocation takes effect within {@link #TTL} everywhere.
 */
public final class InstallCredentialCache implements InstallAuthenticator {
  /** How long an answer is kept: the delay before a revoked credential stops working. */
  public static final Duration TTL = Duration.ofSeconds(30);

  private final InstallCredentials credentials;
  private final Cache<String, Optional<UUID>> answers;

  public InstallCredentialCache(InstallCredentials credentials) {
    this.credentials = credentials;
    this.answers = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(1_000_000).build();
  }

  /** The install a credential proves, if it is valid (as of at most {@link #TTL} ago). */
  public Optional<UUID> verify(String credential) {
    if (!InstallCredentials.looksLikeInstallCredential(credential)) {
      return Optional.empty();
    }
    return answers.get(credential, credentials::verify);
  }

  /** Forgets every answer about {@code installId}'s credentials, here, at once (a revocation). */
  public void forget(UUID installId) {
    String prefix = installId + ".";
    answers.asMap().keySet().removeIf(k -> k.startsWith(prefix));
  }

  @Override
  public Optional<InstallCaller> authenticate(String credential) {
    return verify(credential).map(id -> new InstallCaller(id.toString()));
  }
}
