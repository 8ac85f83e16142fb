package org.vsekai.nebula.server.resources;

import static org.vsekai.nebula.server.jersey.RequestParams.body;
import static org.vsekai.nebula.server.jersey.RequestParams.limit;
import static org.vsekai.nebula.server.jersey.RequestParams.name;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.vsekai.nebula.api.rest.ModeInfo;
import org.vsekai.nebula.api.rest.NewMode;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.schema.CatalogRepository;
import org.vsekai.nebula.server.auth.Roles;

/** {@code /api/v1/modes}: the seed's {@code mode list}, and creating and retiring modes (admin). */
@Path("/api/v1/modes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ModesResource {
  private final CatalogRepository catalog;

  public ModesResource(CatalogRepository catalog) {
    this.catalog = catalog;
  }

  /** The modes valid now, by name. */
  @GET
  public Page<ModeInfo> list(
      @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
    return catalog.modesValidNow(cursor, limit(limit));
  }

  /** 201 with the new mode, or 200 with the existing one of that name. */
  @POST
  @RolesAllowed(Roles.PUBLISHER)
  public Response create(NewMode request) {
    NewMode r = body(request);
    return Responses.created(
        catalog.createMode(name("mode", r.name()), r.validFrom(), r.validTo()));
  }

  /** Ends the mode's validity now: it is no longer listed, released to or switched to. */
  @DELETE
  @Path("{mode}")
  @RolesAllowed(Roles.PUBLISHER)
  public ModeInfo retire(@PathParam("mode") String mode) {
    return catalog.retireMode(name("mode", mode));
  }
}
