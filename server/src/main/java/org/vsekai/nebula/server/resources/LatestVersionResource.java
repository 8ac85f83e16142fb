package org.vsekai.nebula.server.resources;

import static org.vsekai.nebula.server.jersey.RequestParams.name;
import static org.vsekai.nebula.server.jersey.RequestParams.optionalInstant;

import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import org.vsekai.nebula.api.rest.VersionInfo;
import org.vsekai.nebula.schema.RecordNotFoundException;
import org.vsekai.nebula.schema.VersionRepository;

/**
 * {@code /api/v1/products/{product}/modes/{mode}/latest}: the version an install in that mode
 * should run, the highest SemVer offered there now (or {@code ?at=} an instant).
 */
@Path("/api/v1/products/{product}/modes/{mode}/latest")
@Produces(MediaType.APPLICATION_JSON)
public final class LatestVersionResource {
  private final VersionRepository versions;
  private final Clock clock;

  public LatestVersionResource(VersionRepository versions, Clock clock) {
    this.versions = versions;
    this.clock = clock;
  }

  @GET
  @Timed
  public VersionInfo latest(
      @PathParam("product") String product,
      @PathParam("mode") String mode,
      @QueryParam("at") String at) {
    Instant when = optionalInstant("at", at);
    return versions
        .current(
            name("product", product), name("mode", mode), when == null ? clock.instant() : when)
        .map(RestViews::version)
        .orElseThrow(
            () ->
                new RecordNotFoundException(
                    "no version of " + product + " is offered in mode " + mode));
  }
}
