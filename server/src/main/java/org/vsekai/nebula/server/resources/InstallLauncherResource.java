package org.vsekai.nebula.server.resources;

import static org.vsekai.nebula.server.jersey.RequestParams.body;
import static org.vsekai.nebula.server.jersey.RequestParams.uuid;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.vsekai.nebula.api.rest.LauncherStart;
import org.vsekai.nebula.server.auth.Caller;
import org.vsekai.nebula.server.auth.InstallAccess;
import org.vsekai.nebula.server.auth.Roles;
import org.vsekai.nebula.server.core.InvalidRequestException;
import org.vsekai.nebula.server.installs.InstallUpdates;
import org.vsekai.nebula.server.installs.RetryForHours;

/**
 * {@code /api/v1/installs/{id}/launcher}: the install's background worker came online and asks the
 * service to keep the install current (its launcher workflow, on the service's workers).
 */
@Path("/api/v1/installs/{id}/launcher")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.INSTALL, Roles.SUPPORT})
public final class InstallLauncherResource {
  private final InstallUpdates updates;

  /**
   * @param updates null when the service has no Temporal; then every call answers 503
   */
  public InstallLauncherResource(InstallUpdates updates) {
    this.updates = updates;
  }

  /** The install's worker is online: keep it current with these settings. 204. */
  @POST
  public Response launcher(@Auth Caller caller, @PathParam("id") String id, LauncherStart request) {
    UUID install = own(caller, id);
    LauncherStart r = body(request);
    if (r.checkIntervalMinutes() < 0 || r.maxBytesPerSecond() < 0) {
      throw new InvalidRequestException(
          "checkIntervalMinutes and maxBytesPerSecond must not be negative");
    }
    RetryForHours.check(r.retryForHours());
    if (updates == null) {
      throw new WebApplicationException(
          "the launcher needs Temporal, and this service has none configured (temporal.target)",
          503);
    }
    updates.startLauncher(install, r);
    return Response.noContent().build();
  }

  private static UUID own(Caller caller, String id) {
    return InstallAccess.require(caller, uuid("install id", id));
  }
}
