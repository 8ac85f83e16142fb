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
import org.vsekai.nebula.schema.CatalogRepository;
import org.vsekai.nebula.server.auth.Roles;
import org.vsekai.nebula.server.core.ManifestService;
import org.vsekai.nebula.server.tuf.TufPublisher;

/**
 * {@code /api/v1/products/{product}/versions}: a product's versions, each one's signed manifest,
 * and offering or withdrawing a version in a mode (publisher calls). A change of what is offered
 * refreshes the TUF targets at once, so clients see it without waiting for the schedule.
 */
@Path("/api/v1/products/{product}/versions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class VersionsResource {
  private final CatalogRepository catalog;
  private final ManifestService manifests;
  private final TufPublisher tuf;

  public VersionsResource(CatalogRepository catalog, ManifestService manifests, TufPublisher tuf) {
    this.catalog = catalog;
    this.manifests = manifests;
    this.tuf = tuf;
  }

  /** Versions, the most recently published first. */
  @GET
  public Page<VersionInfo> list(
      @PathParam("product") String product,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return catalog.versions(name("product", product), cursor, limit(limit));
  }

  @GET
  @Path("{version}")
  public VersionInfo get(
      @PathParam("product") String product, @PathParam("version") String version) {
    return catalog.findVersion(name("product", product), version(version));
  }

  /** Ends the version's validity now: no mode offers it any longer. */
  @DELETE
  @Path("{version}")
  @RolesAllowed(Roles.PUBLISHER)
  public VersionInfo withdraw(
      @PathParam("product") String product, @PathParam("version") String version) {
    VersionInfo info = catalog.withdrawVersion(name("product", product), version(version));
    tuf.refreshAfterCatalogChange();
    return info;
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
    VersionInfo info =
        catalog.releaseToMode(
            name("product", product), version(version), name("mode", r.mode()), r.validFrom());
    tuf.refreshAfterCatalogChange();
    return Response.status(Response.Status.CREATED).entity(info).build();
  }

  /** Stops offering the version in the mode, from now on. */
  @DELETE
  @Path("{version}/modes/{mode}")
  @RolesAllowed(Roles.PUBLISHER)
  public VersionInfo withdrawFromMode(
      @PathParam("product") String product,
      @PathParam("version") String version,
      @PathParam("mode") String mode) {
    VersionInfo info =
        catalog.withdrawFromMode(name("product", product), version(version), name("mode", mode));
    tuf.refreshAfterCatalogChange();
    return info;
  }
}
