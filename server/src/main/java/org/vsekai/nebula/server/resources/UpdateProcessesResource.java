package org.vsekai.nebula.server.resources;

import static org.vsekai.nebula.server.jersey.RequestParams.limit;
import static org.vsekai.nebula.server.jersey.RequestParams.optionalUuid;
import static org.vsekai.nebula.server.jersey.RequestParams.uuid;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.vsekai.nebula.api.rest.ErrorBody;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.api.rest.UpdateProcessInfo;
import org.vsekai.nebula.schema.UpdateProcess;
import org.vsekai.nebula.schema.UpdateProcessRepository;
import org.vsekai.nebula.server.auth.Caller;
import org.vsekai.nebula.server.auth.InstallAccess;
import org.vsekai.nebula.server.auth.Roles;

/**
 * {@code /api/v1/update-processes}: the service's record of every update, written only by its own
 * workflows (the record activity on its own worker), never by a request. Support staff list and
 * read them all; an install reads its own.
 */
@Path("/api/v1/update-processes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class UpdateProcessesResource {
  private final UpdateProcessRepository processes;

  public UpdateProcessesResource(UpdateProcessRepository processes) {
    this.processes = processes;
  }

  /**
   * Refused to everyone, 403: a record written from outside would let a player report updates that
   * never ran, or another install's. The body is never read.
   */
  @POST
  @RolesAllowed({Roles.PUBLISHER, Roles.SUPPORT, Roles.INSTALL})
  public Response report(@Auth Caller caller) {
    throw new ForbiddenException(
        Response.status(Response.Status.FORBIDDEN)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(
                new ErrorBody(
                    "update records are written by the service's own workflows only, never by"
                        + " a request"))
            .build());
  }

  /**
   * Newest first; {@code ?installId=} restricts to one install. Support staff list any; an install
   * lists its own (and must name itself).
   */
  @GET
  @RolesAllowed({Roles.SUPPORT, Roles.INSTALL})
  public Page<UpdateProcessInfo> list(
      @Auth Caller caller,
      @QueryParam("installId") String installId,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    UUID install = optionalUuid("install id", installId);
    if (caller.role() != Caller.Role.SUPPORT) {
      if (install == null) {
        throw new ForbiddenException(
            Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(
                    new ErrorBody(
                        "listing every install's updates needs the support token; an install"
                            + " lists its own with ?installId="))
                .build());
      }
      InstallAccess.require(caller, install);
    }
    return RestViews.page(processes.list(install, cursor, limit(limit)), RestViews::updateProcess);
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.SUPPORT, Roles.INSTALL})
  public UpdateProcessInfo get(@Auth Caller caller, @PathParam("id") String id) {
    UpdateProcess process = processes.find(uuid("update process id", id));
    InstallAccess.require(caller, process.installId());
    return RestViews.updateProcess(process);
  }
}
