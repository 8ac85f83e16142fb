package org.vsekai.nebula.server.resources;

import static org.vsekai.nebula.server.jersey.RequestParams.body;
import static org.vsekai.nebula.server.jersey.RequestParams.limit;
import static org.vsekai.nebula.server.jersey.RequestParams.name;
import static org.vsekai.nebula.server.jersey.RequestParams.uuid;

import com.codahale.metrics.annotation.Timed;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.vsekai.nebula.api.rest.CredentialIssued;
import org.vsekai.nebula.api.rest.CurrentMode;
import org.vsekai.nebula.api.rest.InstallHistoryEntry;
import org.vsekai.nebula.api.rest.InstallInfo;
import org.vsekai.nebula.api.rest.InstallRegistered;
import org.vsekai.nebula.api.rest.InstallRegistration;
import org.vsekai.nebula.api.rest.ModeSwitch;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.api.rest.VersionInfo;
import org.vsekai.nebula.schema.Install;
import org.vsekai.nebula.schema.InstallCredentials;
import org.vsekai.nebula.schema.InstallRepository;
import org.vsekai.nebula.schema.RecordNotFoundException;
import org.vsekai.nebula.server.auth.Caller;
import org.vsekai.nebula.server.auth.InstallAccess;
import org.vsekai.nebula.server.auth.InstallCredentialCache;
import org.vsekai.nebula.server.auth.Roles;
import org.vsekai.nebula.server.jersey.RequestParams;

/**
 * {@code /api/v1/installs}: a player's install registers itself (the one anonymous write, rate
 * limited by address), then acts with the credential the registration gave it, on itself only: its
 * mode, its record, its history. Support staff may read any install and revoke or reissue its
 * credential.
 */
@Path("/api/v1/installs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class InstallsResource {
  private static final String INSTALL_ID = "install id";
  private final InstallRepository installs;
  private final InstallCredentials credentials;
  private final InstallCredentialCache credentialCache;
  private final Function<UriInfo, Map.Entry<String, Boolean>> gateway;
  private final ModeFollower modeFollower;

  /** Tells the install's running launcher its new mode. */
  public interface ModeFollower {
    void follow(UUID installId, String mode);
  }

  /**
   * @param gateway the gateway address ({@code host:port}) and whether it speaks TLS, as the caller
   *     reached the service
   */
  public InstallsResource(
      InstallRepository installs,
      InstallCredentials credentials,
      InstallCredentialCache credentialCache,
      Function<UriInfo, Map.Entry<String, Boolean>> gateway,
      ModeFollower modeFollower) {
    this.installs = installs;
    this.credentials = credentials;
    this.credentialCache = credentialCache;
    this.gateway = gateway;
    this.modeFollower = modeFollower;
  }

  /** 201 with the new install and its credential, shown this once. The service picks the id. */
  @POST
  public Response register(InstallRegistration request, @Context UriInfo uri) {
    InstallRegistration r = body(request);
    InstallRepository.Registration registered =
        installs.registerWithCredential(
            name("product", r.product()),
            name("mode", r.mode()),
            r.version() == null ? null : RequestParams.version(r.version()));
    Install i = registered.install();
    Map.Entry<String, Boolean> g = gateway.apply(uri);
    return Response.status(Response.Status.CREATED)
        .entity(
            new InstallRegistered(
                i.id(),
                i.product(),
                i.mode(),
                i.version() == null ? null : i.version().toString(),
                i.registeredAt(),
                registered.credential(),
                g.getKey(),
                g.getValue()))
        .build();
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.INSTALL, Roles.SUPPORT})
  public InstallInfo get(@Auth Caller caller, @PathParam("id") String id) {
    return RestViews.install(installs.find(own(caller, id)));
  }

  /** The seed's {@code mode current}. */
  @GET
  @Path("{id}/mode")
  @RolesAllowed({Roles.INSTALL, Roles.SUPPORT})
  public CurrentMode mode(@Auth Caller caller, @PathParam("id") String id) {
    return RestViews.currentMode(installs.currentMode(own(caller, id)));
  }

  /** The seed's {@code mode switch --mode_name}; a running launcher follows at once. */
  @PUT
  @Path("{id}/mode")
  @RolesAllowed({Roles.INSTALL, Roles.SUPPORT})
  public InstallInfo switchMode(
      @Auth Caller caller, @PathParam("id") String id, ModeSwitch request) {
    UUID install = own(caller, id);
    Install switched = installs.switchMode(install, name("mode", body(request).mode()));
    modeFollower.follow(install, switched.mode());
    return RestViews.install(switched);
  }

  /** Mode and version periods, the latest first. */
  @GET
  @Path("{id}/history")
  @RolesAllowed({Roles.INSTALL, Roles.SUPPORT})
  public Page<InstallHistoryEntry> history(
      @Auth Caller caller,
      @PathParam("id") String id,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return RestViews.page(
        installs.history(own(caller, id), cursor, limit(limit)), RestViews::period);
  }

  /** The version this install should run now: the latest of its product in its mode. */
  @GET
  @Path("{id}/latest")
  @Timed
  @RolesAllowed({Roles.INSTALL, Roles.SUPPORT})
  public VersionInfo latest(@Auth Caller caller, @PathParam("id") String id) {
    return installs
        .latestFor(own(caller, id))
        .map(RestViews::version)
        .orElseThrow(
            () -> new RecordNotFoundException("no version is offered in this install's mode"));
  }

  /** Revokes the install's credential (support): its worker and commands are refused from now. */
  @DELETE
  @Path("{id}/credential")
  @RolesAllowed(Roles.SUPPORT)
  public Response revoke(@PathParam("id") String id) {
    UUID install = uuid(INSTALL_ID, id);
    boolean revoked = credentials.revoke(install);
    credentialCache.forget(install);
    if (!revoked) {
      throw new RecordNotFoundException("install " + install + " has no valid credential");
    }
    return Response.noContent().build();
  }

  /** Issues the install a new credential (support), replacing the old one; shown this once. */
  @POST
  @Path("{id}/credential")
  @RolesAllowed(Roles.SUPPORT)
  public Response reissue(@PathParam("id") String id) {
    UUID install = uuid(INSTALL_ID, id);
    String credential = credentials.reissue(install);
    credentialCache.forget(install);
    return Response.status(Response.Status.CREATED)
        .entity(new CredentialIssued(install, credential))
        .build();
  }

  private static UUID own(Caller caller, String id) {
    return InstallAccess.require(caller, uuid(INSTALL_ID, id));
  }
}
