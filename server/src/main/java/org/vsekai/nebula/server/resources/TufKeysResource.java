package org.vsekai.nebula.server.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.vsekai.nebula.api.tuf.TufKey;
import org.vsekai.nebula.server.auth.Roles;
import org.vsekai.nebula.server.core.InvalidRequestException;
import org.vsekai.nebula.server.tuf.OnlineKeys;
import org.vsekai.nebula.server.tuf.TufPublisher;

/**
 * A release engineer's side of the service's TUF keys (publisher token): a new online key for the
 * next root to name, and the targets the service would publish next, for signing with an offline
 * targets key.
 */
@Path("/api/v1/tuf")
@Produces(MediaType.APPLICATION_JSON)
public final class TufKeysResource {
  private final OnlineKeys keys;
  private final TufPublisher publisher;

  public TufKeysResource(OnlineKeys keys, TufPublisher publisher) {
    this.keys = keys;
    this.publisher = publisher;
  }

  /**
   * Makes and keeps a new key for an online role and answers its TUF form with its {@code keyid}.
   * It signs nothing until a root names it.
   */
  @POST
  @Path("online-keys/{role}")
  @RolesAllowed(Roles.PUBLISHER)
  public Response createOnlineKey(@PathParam("role") String role) {
    if (!OnlineKeys.ROLES.contains(role)) {
      throw new InvalidRequestException(
          "'" + role + "' is not an online role; one of " + String.join(", ", OnlineKeys.ROLES));
    }
    TufKey key = keys.create(role);
    ObjectNode answer = (ObjectNode) key.json();
    answer.put("keyid", key.keyId());
    return Response.status(Response.Status.CREATED).entity(answer).build();
  }

  /** The {@code signed} object of the next targets version, from the catalog as it is now. */
  @GET
  @Path("targets-proposal")
  @RolesAllowed(Roles.PUBLISHER)
  public ObjectNode targetsProposal() {
    return publisher.targetsProposal();
  }
}
