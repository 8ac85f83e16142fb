package org.vsekai.nebula.server.auth;

import java.security.Principal;
import java.util.UUID;

/**
 * Who is calling, as their credential proved: the publisher, support staff, or one install.
 *
 * @param installId the install, for {@link Role#INSTALL}; null otherwise
 */
public record Caller(Role role, UUID installId) implements Principal {

  public enum Role {
    PUBLISHER,
    SUPPORT,
    INSTALL
  }

  public static Caller install(UUID installId) {
    return new Caller(Role.INSTALL, installId);
  }

  @Override
  public String getName() {
    return role == Role.INSTALL ? "install " + installId : role.name().toLowerCase();
  }

  /** Whether this caller may act on, or read, {@code install}: support staff, or that install. */
  public boolean mayActFor(UUID install) {
    return role == Role.SUPPORT || (role == Role.INSTALL && installId.equals(install));
  }
}
