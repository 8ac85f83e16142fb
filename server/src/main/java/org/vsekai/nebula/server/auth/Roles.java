package org.vsekai.nebula.server.auth;

/** Role names for {@code @RolesAllowed}, one per {@link Caller.Role}. */
public final class Roles {
  public static final String PUBLISHER = "PUBLISHER";
  public static final String SUPPORT = "SUPPORT";
  public static final String INSTALL = "INSTALL";

  private Roles() {}
}
