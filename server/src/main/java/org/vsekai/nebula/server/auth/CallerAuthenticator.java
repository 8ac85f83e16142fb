package org.vsekai.nebula.server.auth;

import io.dropwizard.auth.Authenticator;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.vsekai.nebula.server.core.RoleToken;

/** Tells a bearer credential's caller: the publisher's token, support's, or an install's. */
public final class CallerAuthenticator implements Authenticator<String, Caller> {
  private final RoleToken publisher;
  private final RoleToken support;
  private final Function<String, Optional<UUID>> installs;

  /**
   * @param installs the install a credential proves, if any ({@link InstallCredentialCache#verify})
   */
  public CallerAuthenticator(
      RoleToken publisher, RoleToken support, Function<String, Optional<UUID>> installs) {
    this.publisher = publisher;
    this.support = support;
    this.installs = installs;
  }

  @Override
  public Optional<Caller> authenticate(String credential) {
    if (publisher.matches(credential)) {
      return Optional.of(new Caller(Caller.Role.PUBLISHER, null));
    }
    if (support.matches(credential)) {
      return Optional.of(new Caller(Caller.Role.SUPPORT, null));
    }
    return installs.apply(credential).map(Caller::install);
  }
}
