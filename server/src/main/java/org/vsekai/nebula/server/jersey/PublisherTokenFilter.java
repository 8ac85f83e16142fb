package org.vsekai.nebula.server.jersey;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.vsekai.nebula.api.rest.ErrorBody;
import org.vsekai.nebula.server.core.PublisherToken;

/** Turns away {@link PublisherOnly} calls without the publisher token, before any body is read. */
@PublisherOnly
@Priority(Priorities.AUTHENTICATION)
public final class PublisherTokenFilter implements ContainerRequestFilter {
  private final PublisherToken token;

  public PublisherTokenFilter(PublisherToken token) {
    this.token = token;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (!token.accepts(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
      request.abortWith(
          Response.status(Response.Status.UNAUTHORIZED)
              .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"nebula\"")
              .type(MediaType.APPLICATION_JSON_TYPE)
              .entity(
                  new ErrorBody("this call needs the publisher token (Authorization: Bearer ...)"))
              .build());
    }
  }
}
