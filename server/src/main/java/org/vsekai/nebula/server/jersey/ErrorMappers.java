package org.vsekai.nebula.server.jersey;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.EOFException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.statement.StatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsekai.nebula.api.InvalidVersionException;
import org.vsekai.nebula.api.rest.ErrorBody;
import org.vsekai.nebula.schema.InvalidCursorException;
import org.vsekai.nebula.schema.InvalidPeriodException;
import org.vsekai.nebula.schema.RecordConflictException;
import org.vsekai.nebula.schema.RecordNotFoundException;
import org.vsekai.nebula.server.core.InvalidRequestException;
import org.vsekai.nebula.server.core.MissingContentException;
import org.vsekai.nebula.workflows.client.TemporalUnavailableException;

/**
 * Every error the API answers, as {@code {"error": "..."}}: what the client got wrong is a 4xx with
 * the reason; anything else is a 500 whose details go to the log under an id, not to the client.
 */
public final class ErrorMappers {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);
  static final int UNPROCESSABLE = 422;

  private ErrorMappers() {}

  public static List<Object> all() {
    return List.of(
        new WebApplication(),
        new Json(),
        new Simple<InvalidRequestException>(400) {},
        new Simple<InvalidVersionException>(400) {},
        new Simple<InvalidCursorException>(400) {},
        new Simple<InvalidPeriodException>(400) {},
        new Simple<RecordNotFoundException>(404) {},
        new Simple<RecordConflictException>(409) {},
        new Simple<MissingContentException>(UNPROCESSABLE) {},
        new Simple<TemporalUnavailableException>(503) {},
        new Database(),
        new BodyCutShort(),
        new Unexpected());
  }

  static Response error(int status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorBody(message))
        .build();
  }

  /**
   * Maps an exception type to a status, its message being the error. Instances are anonymous
   * subclasses so Jersey can read the exception type from the type argument.
   */
  abstract static class Simple<E extends RuntimeException> implements ExceptionMapper<E> {
    private final int status;

    Simple(int status) {
      this.status = status;
    }

    @Override
    public Response toResponse(E e) {
      return error(status, e.getMessage());
    }
  }

  /** Jersey's own: unknown path 404, wrong method 405, unsupported media type 415, ... */
  static final class WebApplication implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      Response r = e.getResponse();
      if (r.getEntity() instanceof ErrorBody) {
        return r;
      }
      String message = e.getMessage();
      if (r.getStatus() == 403 && isBareRoleRefusal(message)) {
        message = "this call is not open to the role of the credential presented";
      }
      Response.ResponseBuilder b = Response.fromResponse(r).type(MediaType.APPLICATION_JSON_TYPE);
      return b.entity(new ErrorBody(message)).build();
    }
  }

  /**
   * Jersey's {@code @RolesAllowed} check refuses with "User not authorized." (its only words), or a
   * bare "HTTP 403 Forbidden"; our own refusals say why.
   */
  static boolean isBareRoleRefusal(String message) {
    return message == null || message.startsWith("HTTP 403") || message.equals(ROLE_REFUSAL);
  }

  private static final String ROLE_REFUSAL = "User not authorized.";

  /** A body that is not JSON, or not the JSON the call takes. */
  static final class Json implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException e) {
      return error(400, JsonProblem.describe(e));
    }
  }

  /**
   * The last line of defence for input the checks above missed: the database refusing a value
   * (SQLSTATE class 22, e.g. a NUL character or a number out of range) or a constraint (23) is the
   * client's doing, so it is a 4xx and, the transaction having rolled back, nothing is written.
   * Anything else from the database is the service's problem.
   */
  static final class Database implements ExceptionMapper<StatementException> {
    @Override
    public Response toResponse(StatementException e) {
      SQLException sql = e.getCause() instanceof SQLException s ? s : null;
      String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
      if (state.startsWith("22") || state.equals("23514") || state.equals("23502")) {
        return error(400, "the database refused a value: " + firstLine(sql.getMessage()));
      }
      if (state.equals("23505")) {
        return error(409, "a conflicting record was written at the same time; try again");
      }
      return internal(e);
    }

    private static String firstLine(String message) {
      String m = message == null ? "" : message.replaceFirst("^ERROR: ", "");
      int newline = m.indexOf('\n');
      return newline < 0 ? m : m.substring(0, newline);
    }
  }

  /**
   * A request body that stopped before its Content-Length: the client's connection went quiet or
   * closed mid-body. Its fault, so a 400; nothing was read whole, so nothing was written. Any other
   * IOException here is the service's.
   */
  static final class BodyCutShort implements ExceptionMapper<IOException> {
    @Override
    public Response toResponse(IOException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        // Jetty's EofException is an EOFException: the client closed mid-body.
        if (t instanceof TimeoutException || t instanceof EOFException) {
          return error(400, "the request body stopped before its declared Content-Length");
        }
      }
      return internal(e);
    }
  }

  static final class Unexpected implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable e) {
      return internal(e);
    }
  }

  static Response internal(Throwable e) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    LOG.error("internal error {}", id, e);
    return error(500, "internal error " + id + "; the service log has the details");
  }
}
