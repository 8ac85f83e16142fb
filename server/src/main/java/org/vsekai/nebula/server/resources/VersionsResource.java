package org.vsekai.nebula.server.resources;

import static org.vsekai.nebula.server.jersey.RequestParams.body;
import static org.vsekai.nebula.server.jersey.RequestParams.limit;
import static org.vsekai.nebula.server.jersey.RequestParams.name;
import static org.vsekai.nebula.server.jersey.RequestParams.version;

import com.codahale.metrics.annotation.Timed;
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
import org.vsekai.nebula.api.rest.ModeRelease;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.api.rest.VersionInfo;
import org.vsekai.nebula.schema.PublishedVersion;
import org.vsekai.nebula.schema.ReleaseRepository;
import org.vsekai.nebula.schema.VersionRepository;
import org.vsekai.nebula.server.auth.Roles;
import org.vsekai.nebula.server.core.ManifestService;

/**
 * {@code /api/v1/products/{product}/versions}: a product's versions, each one's signed manifest,
 * and offering or withdrawing a version in a mode (publisher calls). A change of what is offered
 * refreshes the TUF targets at once, so clients see it without waiting for the schedule.
 */
@Path("/api/v1/products/{product}/versions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class VersionsResource {
  private final VersionRepository versions;
  private final ReleaseRepository releases;
  private final ManifestService manifests;
  private final Runnable refreshTargets;

  /**
   * @param refreshTargets signs new TUF targets after a change of what is offered
   */
  public VersionsResource(
      VersionRepository versions,
      ReleaseRepository releases,
      ManifestService manifests,
      Runnable refreshTargets) {
    this.versions = versions;
    this.releases = releases;
    this.manifests = manifests;
    this.refreshTargets = refreshTargets;
  }

  /** Versions, the most recently published first. */
  @GET
  public Page<VersionInfo> list(
      @PathParam("product") String product,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return RestViews.page(
        versions.list(name("product", product), cursor, limit(limit)), RestViews::version);
  }

  @GET
  @Path("{version}")
  public VersionInfo get(
      @PathParam("product") String product, @PathParam("version") String version) {
    return RestViews.version(versions.find(name("product", product), version(version)));
  }

  /** Ends the version's validity now: no mode offers it any longer. */
  @DELETE
  @Path("{version}")
  @RolesAllowed(Roles.PUBLISHER)
  public VersionInfo withdraw(
      @PathParam("product") String product, @PathParam("version") String version) {
    PublishedVersion withdrawn = releases.withdraw(name("product", product), version(version));
    refreshTargets.run();
    return RestViews.version(withdrawn);
  }

  /**
   * The SignedManifest of the version, exactly as signed at publication; nothing is signed here.
   */
  @GET
  @Path("{version}/manifest")
  @Timed
  public Response manifest(
      @PathParam("product") String product, @PathParam("version") String version) {
    String envelope = manifests.currentEnvelope(name("product", product), version(version));
    return Response.ok(envelope, MediaType.APPLICATION_JSON_TYPE).build();
  }

  /** Offers the version in one more mode (e.g. promotes a beta to stable). */
  @POST
  @Path("{version}/modes")
  @RolesAllowed(Roles.PUBLISHER)
  public Response release(
      @PathParam("product") String product,
      @PathParam("version") String version,
      ModeRelease request) {
    ModeRelease r = body(request);
    PublishedVersion released =
        releases.releaseToMode(
            name("product", product), version(version), name("mode", r.mode()), r.validFrom());
    refreshTargets.run();
    return Response.status(Response.Status.CREATED).entity(RestViews.version(released)).build();
  }

  /** Stops offering the version in the mode, from now on. */
  @DELETE
  @Path("{version}/modes/{mode}")
  @RolesAllowed(Roles.PUBLISHER)
  public VersionInfo withdrawFromMode(
      @PathParam("product") String product,
      @PathParam("version") String version,
      @PathParam("mode") String mode) {
    PublishedVersion withdrawn =
        releases.withdrawFromMode(name("product", product), version(version), name("mode", mode));
    refreshTargets.run();
    return RestViews.version(withdrawn);
  }
}
