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
import org.vsekai.nebula.schema.CatalogEntryRepository;
import org.vsekai.nebula.server.auth.Roles;

/** {@code /api/v1/modes}: the seed's {@code mode list}, and creating and retiring modes (admin). */
@Path("/api/v1/modes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ModesResource {
  private final CatalogEntryRepository modes;

  public ModesResource(CatalogEntryRepository modes) {
    this.modes = modes;
  }

  /** The modes valid now, by name. */
  @GET
  public Page<ModeInfo> list(
      @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
    return RestViews.page(modes.validNow(cursor, limit(limit)), RestViews::mode);
  }

  /** 201 with the new mode, or 200 with the existing one of that name. */
  @POST
  @RolesAllowed(Roles.PUBLISHER)
  public Response create(NewMode request) {
    NewMode r = body(request);
    return Responses.created(
        modes.create(name("mode", r.name()), r.validFrom(), r.validTo()), RestViews::mode);
  }

  /** Ends the mode's validity now: it is no longer listed, released to or switched to. */
  @DELETE
  @Path("{mode}")
  @RolesAllowed(Roles.PUBLISHER)
  public ModeInfo retire(@PathParam("mode") String mode) {
    return RestViews.mode(modes.retire(name("mode", mode)));
  }
}
