package org.vsekai.nebula.gateway;

import java.util.Optional;

/** Tells which install a credential belongs to. The service implements it from its database. */
@FunctionalInterface
public interface InstallAuthenticator {

  /**
   * The install whose credential this is; empty when it is malformed, unknown or revoked.
   *
   * @param credential what followed {@code Bearer } in the call's {@code authorization} header
   */
  Optional<InstallCaller> authenticate(String credential);
}
