package org.vsekai.nebula.server.auth;

import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.vsekai.nebula.api.rest.ErrorBody;

/** A 401 in the API's own shape, {@code {"error": ...}}, saying which credentials exist. */
public final class JsonUnauthorized implements UnauthorizedHandler {
  @Override
  public Response buildResponse(String prefix, String realm) {
    return Response.status(Response.Status.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, prefix + " realm=\"" + realm + "\"")
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(
            new ErrorBody(
                "this call needs a credential (Authorization: Bearer ...): the publisher token,"
                    + " the support token, or the install's own credential; a revoked one is"
                    + " refused"))
        .build();
  }
}
