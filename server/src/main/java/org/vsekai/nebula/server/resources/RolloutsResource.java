package org.vsekai.nebula.server.resources;

import static org.vsekai.nebula.server.jersey.RequestParams.body;
import static org.vsekai.nebula.server.jersey.RequestParams.limit;
import static org.vsekai.nebula.server.jersey.RequestParams.name;
import static org.vsekai.nebula.server.jersey.RequestParams.text;
import static org.vsekai.nebula.server.jersey.RequestParams.uuid;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.api.rest.RolloutAbortRequest;
import org.vsekai.nebula.api.rest.RolloutInfo;
import org.vsekai.nebula.api.rest.RolloutScheduleRequest;
import org.vsekai.nebula.api.rest.RolloutStart;
import org.vsekai.nebula.schema.Rollout;
import org.vsekai.nebula.schema.RolloutRecords;
import org.vsekai.nebula.server.auth.Roles;
import org.vsekai.nebula.server.core.InvalidRequestException;
import org.vsekai.nebula.server.jersey.RequestParams;
import org.vsekai.nebula.server.rollout.RolloutControl;
import org.vsekai.nebula.workflows.client.TemporalUnavailableException;
import org.vsekai.nebula.workflows.rollout.RolloutRequest;

/**
 * {@code /api/v1/rollouts}: staged rollouts. Reads need the publisher or the support token (they
 * name failed updates) and come from the tables; starting, scheduling and signalling need the
 * publisher token and Temporal (503 without it). Signals are answered 202 with the rollout as
 * recorded: the workflow records the new state a moment later.
 */
@Path("/api/v1/rollouts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class RolloutsResource {
  private static final String ROLLOUT_ID = "rollout id";
  private static final Duration MAX_DURATION = Duration.ofDays(365);

  private final RolloutRecords rollouts;
  private final RolloutControl control;

  /**
   * @param control null when the service has no Temporal; then every write answers 503
   */
  public RolloutsResource(RolloutRecords rollouts, RolloutControl control) {
    this.rollouts = rollouts;
    this.control = control;
  }

  /** 201 with the rollout, Running. */
  @POST
  @RolesAllowed(Roles.PUBLISHER)
  public Response start(RolloutStart request) {
    RolloutRequest r = request(body(request));
    return Response.status(Response.Status.CREATED)
        .entity(RestViews.rollout(withTemporal(() -> control().start(r))))
        .build();
  }

  /** 201 with the schedule and its next start times. */
  @POST
  @Path("schedules")
  @RolesAllowed(Roles.PUBLISHER)
  public Response schedule(RolloutScheduleRequest request) {
    RolloutScheduleRequest s = body(request);
    if (s.rollout() == null) {
      throw new InvalidRequestException("rollout is missing");
    }
    RolloutRequest r = request(s.rollout());
    text("cron", s.cron(), 200);
    return Response.status(Response.Status.CREATED)
        .entity(withTemporal(() -> control().schedule(r, s.cron(), s.startAt())))
        .build();
  }

  /** Newest first. Release engineers and support staff only: it names failed updates. */
  @GET
  @RolesAllowed({Roles.PUBLISHER, Roles.SUPPORT})
  public Page<RolloutInfo> list(
      @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
    return RestViews.page(rollouts.list(cursor, limit(limit)), RestViews::rollout);
  }

  /** The rollout with each wave's live counts and its states over time. */
  @GET
  @Path("{id}")
  @RolesAllowed({Roles.PUBLISHER, Roles.SUPPORT})
  public RolloutInfo get(@PathParam("id") String id) {
    return RestViews.rollout(rollouts.find(uuid(ROLLOUT_ID, id)));
  }

  @POST
  @Path("{id}/pause")
  @RolesAllowed(Roles.PUBLISHER)
  public Response pause(@PathParam("id") String id) {
    UUID rolloutId = uuid(ROLLOUT_ID, id);
    return accepted(withTemporal(() -> control().pause(rolloutId)));
  }

  @POST
  @Path("{id}/resume")
  @RolesAllowed(Roles.PUBLISHER)
  public Response resume(@PathParam("id") String id) {
    UUID rolloutId = uuid(ROLLOUT_ID, id);
    return accepted(withTemporal(() -> control().resume(rolloutId)));
  }

  /** The body, with a reason, is optional. */
  @POST
  @Path("{id}/abort")
  @RolesAllowed(Roles.PUBLISHER)
  public Response abort(@PathParam("id") String id, RolloutAbortRequest request) {
    UUID rolloutId = uuid(ROLLOUT_ID, id);
    String reason = request == null ? null : text("reason", request.reason(), 1000);
    return accepted(withTemporal(() -> control().abort(rolloutId, reason)));
  }

  private static RolloutRequest request(RolloutStart s) {
    name("product", s.product());
    name("mode", s.mode());
    if (s.version() == null) {
      throw new InvalidRequestException("version is missing");
    }
    RequestParams.version(s.version());
    RolloutRequest r =
        new RolloutRequest(
            null,
            s.product(),
            s.version(),
            s.mode(),
            s.waves(),
            s.maxFailureRate() == null
                ? RolloutRequest.DEFAULT_MAX_FAILURE_RATE
                : s.maxFailureRate(),
            seconds("waveDeadlineSeconds", s.waveDeadlineSeconds()),
            seconds("pollIntervalSeconds", s.pollIntervalSeconds()));
    String problem = r.problem();
    if (problem != null) {
      throw new InvalidRequestException(problem);
    }
    return r;
  }

  private static Duration seconds(String what, Long value) {
    if (value == null) {
      return null;
    }
    if (value < 1 || value > MAX_DURATION.toSeconds()) {
      throw new InvalidRequestException(
          what + " must be from 1 to " + MAX_DURATION.toSeconds() + ", not " + value);
    }
    return Duration.ofSeconds(value);
  }

  private RolloutControl control() {
    if (control == null) {
      throw new WebApplicationException(
          "rollouts need Temporal, and this service has none configured (temporal.target)", 503);
    }
    return control;
  }

  private static <T> T withTemporal(Supplier<T> call) {
    try {
      return call.get();
    } catch (TemporalUnavailableException e) {
      throw new WebApplicationException(e.getMessage(), 503);
    }
  }

  private static Response accepted(Rollout rollout) {
    return Response.status(Response.Status.ACCEPTED).entity(RestViews.rollout(rollout)).build();
  }
}
