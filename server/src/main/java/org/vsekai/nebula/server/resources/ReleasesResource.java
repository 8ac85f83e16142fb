package org.vsekai.nebula.server.resources;

import com.codahale.metrics.annotation.Timed;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.vsekai.nebula.api.rest.ReleaseRequest;
import org.vsekai.nebula.server.auth.Roles;
import org.vsekai.nebula.server.core.ReleasePublisher;

/**
 * {@code POST /api/v1/releases}: registers a new version with its files and signs its manifest. 201
 * on success; 400 malformed; 404 unknown product or mode; 409 the version exists; 422 an index or
 * chunk it needs is not uploaded yet.
 */
@Path("/api/v1/releases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ReleasesResource {
  private final ReleasePublisher publisher;

  public ReleasesResource(ReleasePublisher publisher) {
    this.publisher = publisher;
  }

  @POST
  @RolesAllowed(Roles.PUBLISHER)
  @Timed
  public Response register(ReleaseRequest request) {
    return Response.status(Response.Status.CREATED).entity(publisher.publish(request)).build();
  }
}
