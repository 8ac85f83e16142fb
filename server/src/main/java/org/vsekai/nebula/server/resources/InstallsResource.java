package org.vsekai.nebula.server.resources;

import static org.vsekai.nebula.server.jersey.RequestParams.body;
import static org.vsekai.nebula.server.jersey.RequestParams.limit;
import static org.vsekai.nebula.server.jersey.RequestParams.name;
import static org.vsekai.nebula.server.jersey.RequestParams.uuid;

import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.vsekai.nebula.api.rest.CurrentMode;
import org.vsekai.nebula.api.rest.InstallHistoryEntry;
import org.vsekai.nebula.api.rest.InstallInfo;
import org.vsekai.nebula.api.rest.InstallRegistration;
import org.vsekai.nebula.api.rest.ModeSwitch;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.api.rest.VersionInfo;
import org.vsekai.nebula.schema.InstallRepository;
import org.vsekai.nebula.schema.RecordNotFoundException;
import org.vsekai.nebula.server.jersey.RequestParams;

/**
 * {@code /api/v1/installs}: players' installs register themselves, switch mode and ask what to run.
 * These are players' calls, so they need no publisher token.
 */
@Path("/api/v1/installs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class InstallsResource {
  private static final String INSTALL_ID = "install id";
  private final InstallRepository installs;

  public InstallsResource(InstallRepository installs) {
    this.installs = installs;
  }

  /** 201 with the new install, or 200 when this id is already registered for the product. */
  @POST
  public Response register(InstallRegistration request) {
    InstallRegistration r = body(request);
    return Responses.created(
        installs.register(
            r.installId(),
            name("product", r.product()),
            name("mode", r.mode()),
            r.version() == null ? null : RequestParams.version(r.version())));
  }

  @GET
  @Path("{id}")
  public InstallInfo get(@PathParam("id") String id) {
    return installs.find(uuid(INSTALL_ID, id));
  }

  /** The seed's {@code mode current}. */
  @GET
  @Path("{id}/mode")
  public CurrentMode mode(@PathParam("id") String id) {
    return installs.currentMode(uuid(INSTALL_ID, id));
  }

  /** The seed's {@code mode switch --mode_name}. */
  @PUT
  @Path("{id}/mode")
  public InstallInfo switchMode(@PathParam("id") String id, ModeSwitch request) {
    return installs.switchMode(uuid(INSTALL_ID, id), name("mode", body(request).mode()));
  }

  /** Mode and version periods, the latest first. */
  @GET
  @Path("{id}/history")
  public Page<InstallHistoryEntry> history(
      @PathParam("id") String id,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return installs.history(uuid(INSTALL_ID, id), cursor, limit(limit));
  }

  /** The version this install should run now: the latest of its product in its mode. */
  @GET
  @Path("{id}/latest")
  @Timed
  public VersionInfo latest(@PathParam("id") String id) {
    return installs
        .latestFor(uuid(INSTALL_ID, id))
        .orElseThrow(
            () -> new RecordNotFoundException("no version is offered in this install's mode"));
  }
}
