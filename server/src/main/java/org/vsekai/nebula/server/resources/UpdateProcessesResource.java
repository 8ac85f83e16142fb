package org.vsekai.nebula.server.resources;

import static org.vsekai.nebula.server.jersey.RequestParams.body;
import static org.vsekai.nebula.server.jersey.RequestParams.limit;
import static org.vsekai.nebula.server.jersey.RequestParams.optionalUuid;
import static org.vsekai.nebula.server.jersey.RequestParams.text;
import static org.vsekai.nebula.server.jersey.RequestParams.uuid;

import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.api.rest.UpdateProcessInfo;
import org.vsekai.nebula.api.rest.UpdateProcessReport;
import org.vsekai.nebula.schema.UpdateProcessRepository;
import org.vsekai.nebula.server.core.InvalidRequestException;
import org.vsekai.nebula.server.jersey.RequestParams;

/**
 * {@code /api/v1/update-processes}: updates report the states they reach; support staff list them.
 * A report needs no publisher token: the player's machine sends it.
 */
@Path("/api/v1/update-processes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class UpdateProcessesResource {
  private static final int MAX_FILES = 1_000_000;
  private static final int MAX_REGISTRY_VALUES = 1000;

  private final UpdateProcessRepository processes;

  public UpdateProcessesResource(UpdateProcessRepository processes) {
    this.processes = processes;
  }

  /** 201 when the report created the process, 200 when it added to (or repeated) one. */
  @POST
  @Timed
  public Response report(UpdateProcessReport request) {
    UpdateProcessReport r = body(request);
    if (r.updateProcessId() == null)
      throw new InvalidRequestException("updateProcessId is missing");
    if (r.installId() == null) throw new InvalidRequestException("installId is missing");
    if (r.state() == null) throw new InvalidRequestException("state is missing");
    if (r.toVersion() != null) RequestParams.version(r.toVersion());
    text("detail", r.detail(), 4096);
    text("manifestFileAndVersion", r.manifestFileAndVersion(), 1024);
    text("cachePath", r.cachePath(), 4096);
    if (r.filesForUpdate() != null) {
      if (r.filesForUpdate().size() > MAX_FILES)
        throw new InvalidRequestException("filesForUpdate has more than " + MAX_FILES + " entries");
      r.filesForUpdate().forEach(f -> text("a filesForUpdate entry", f, 1024));
    }
    if (r.registryValues() != null) {
      if (r.registryValues().size() > MAX_REGISTRY_VALUES) {
        throw new InvalidRequestException(
            "registryValues has more than " + MAX_REGISTRY_VALUES + " entries");
      }
      r.registryValues().forEach((k, v) -> text("a registryValues entry", k + v, 4096));
    }
    return Responses.created(processes.report(r));
  }

  /** Newest first; {@code ?installId=} restricts to one install. */
  @GET
  public Page<UpdateProcessInfo> list(
      @QueryParam("installId") String installId,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    return processes.list(optionalUuid("install id", installId), cursor, limit(limit));
  }

  @GET
  @Path("{id}")
  public UpdateProcessInfo get(@PathParam("id") String id) {
    return processes.find(uuid("update process id", id));
  }
}
