package org.vsekai.nebula.server.resources;

import static org.vsekai.nebula.server.jersey.RequestParams.body;
import static org.vsekai.nebula.server.jersey.RequestParams.uuid;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.vsekai.nebula.api.rest.UpdateStart;
import org.vsekai.nebula.api.rest.UpdateView;
import org.vsekai.nebula.server.auth.Caller;
import org.vsekai.nebula.server.auth.InstallAccess;
import org.vsekai.nebula.server.auth.Roles;
import org.vsekai.nebula.server.core.InvalidRequestException;
import org.vsekai.nebula.server.installs.InstallUpdates;
import org.vsekai.nebula.server.installs.RetryForHours;

/**
 * {@code /api/v1/installs/{id}/update}: the player's commands ({@code --update}, {@code status},
 * {@code pause}, {@code resume}, {@code cancel}) as calls scoped to their own install. The service
 * acts on the install's workflows with its own Temporal client; the player's machine never touches
 * them.
 */
@Path("/api/v1/installs/{id}/update")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.INSTALL, Roles.SUPPORT})
public final class InstallUpdatesResource {
  private final InstallUpdates updates;

  /**
   * @param updates null when the service has no Temporal; then every call answers 503
   */
  public InstallUpdatesResource(InstallUpdates updates) {
    this.updates = updates;
  }

  /** Starts the install's update or joins the one running: 202 with its view. */
  @POST
  public Response start(@Auth Caller caller, @PathParam("id") String id, UpdateStart request) {
    UUID install = own(caller, id);
    UpdateStart r = body(request);
    if (r.maxBytesPerSecond() < 0) {
      throw new InvalidRequestException("maxBytesPerSecond must not be negative");
    }
    RetryForHours.check(r.retryForHours());
    return Response.status(Response.Status.ACCEPTED).entity(updates().start(install, r)).build();
  }

  @GET
  public UpdateView view(@Auth Caller caller, @PathParam("id") String id) {
    UUID install = own(caller, id);
    return updates().view(install);
  }

  @POST
  @Path("pause")
  public UpdateView pause(@Auth Caller caller, @PathParam("id") String id) {
    UUID install = own(caller, id);
    return updates().pause(install);
  }

  @POST
  @Path("resume")
  public UpdateView resume(@Auth Caller caller, @PathParam("id") String id) {
    UUID install = own(caller, id);
    return updates().resume(install);
  }

  /** 409 once the update is finalizing: it rolls forward then, whatever is asked. */
  @POST
  @Path("cancel")
  public UpdateView cancel(@Auth Caller caller, @PathParam("id") String id) {
    UUID install = own(caller, id);
    return updates().cancel(install);
  }

  private InstallUpdates updates() {
    if (updates == null) {
      throw new WebApplicationException(
          "updates need Temporal, and this service has none configured (temporal.target)", 503);
    }
    return updates;
  }

  private static UUID own(Caller caller, String id) {
    return InstallAccess.require(caller, uuid("install id", id));
  }
}
