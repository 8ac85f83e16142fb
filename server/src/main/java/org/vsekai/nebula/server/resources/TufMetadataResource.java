package org.vsekai.nebula.server.resources;

import com.codahale.metrics.annotation.Timed;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vsekai.nebula.schema.RecordNotFoundException;
import org.vsekai.nebula.schema.TufMetadataRepository;
import org.vsekai.nebula.schema.db.TufMetadataRow;
import org.vsekai.nebula.server.auth.Roles;
import org.vsekai.nebula.server.tuf.TufAccepted;
import org.vsekai.nebula.server.tuf.TufUploads;

/**
 * {@code /api/v1/tuf/metadata/}: the TUF repository's metadata as a client reads it ({@code
 * root.json}, {@code N.root.json}, {@code timestamp.json}, {@code N.snapshot.json}, {@code
 * N.targets.json}), anonymous and answered from the stored bytes only; and a release engineer's
 * next root or offline-signed targets (publisher token).
 */
@Path("/api/v1/tuf/metadata")
@Produces(MediaType.APPLICATION_JSON)
public final class TufMetadataResource {
  private static final Pattern VERSIONED =
      Pattern.compile("([1-9][0-9]{0,17})\\.(root|snapshot|targets)\\.json");
  private static final Set<String> LATEST =
      Set.of("root.json", "timestamp.json", "snapshot.json", "targets.json");

  /**
   * Files whose name moves to a new version: a cache may keep them briefly, so that a new release
   * (a new timestamp) reaches clients within a minute.
   */
  static final String CHANGING = "public, max-age=60";

  /** A version's file never changes. */
  static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private final TufMetadataRepository metadata;
  private final TufUploads uploads;

  public TufMetadataResource(TufMetadataRepository metadata, TufUploads uploads) {
    this.metadata = metadata;
    this.uploads = uploads;
  }

  @GET
  @Path("{name}")
  @Timed
  public Response get(@PathParam("name") String name) {
    Optional<TufMetadataRow> row = Optional.empty();
    String cache = CHANGING;
    Matcher versioned = VERSIONED.matcher(name);
    if (versioned.matches()) {
      row = metadata.find(versioned.group(2), Long.parseLong(versioned.group(1)));
      cache = IMMUTABLE;
    } else if (LATEST.contains(name)) {
      row = metadata.latest(name.substring(0, name.length() - ".json".length()));
    }
    TufMetadataRow found =
        row.orElseThrow(() -> new RecordNotFoundException("no TUF metadata named " + name));
    return Response.ok(found.body(), MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", cache)
        .build();
  }

  /** Root N+1, signed by a threshold of root N's root keys and of its own. */
  @PUT
  @Path("root")
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed(Roles.PUBLISHER)
  public Response putRoot(byte[] body) {
    return created(uploads.acceptRoot(body));
  }

  /** Targets N+1, signed by a threshold of the current root's targets keys. */
  @PUT
  @Path("targets")
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed(Roles.PUBLISHER)
  public Response putTargets(byte[] body) {
    return created(uploads.acceptTargets(body));
  }

  private static Response created(TufAccepted accepted) {
    return Response.status(Response.Status.CREATED).entity(accepted).build();
  }
}
