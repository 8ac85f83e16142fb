package org.vsekai.nebula.server.auth;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.vsekai.nebula.api.rest.ErrorBody;

/** The check every install-scoped call makes: an install acts for itself, support for any. */
public final class InstallAccess {
  private InstallAccess() {}

  /** Returns {@code installId} when {@code caller} may act for it; 403 otherwise. */
  public static UUID require(Caller caller, UUID installId) {
    if (!caller.mayActFor(installId)) {
      throw new ForbiddenException(
          Response.status(Response.Status.FORBIDDEN)
              .type(MediaType.APPLICATION_JSON_TYPE)
              .entity(
                  new ErrorBody(
                      caller.role() == Caller.Role.INSTALL
                          ? "an install's credential acts for that install only, not " + installId
                          : "this call needs the install's own credential or the support token"))
              .build());
    }
    return installId;
  }
}
