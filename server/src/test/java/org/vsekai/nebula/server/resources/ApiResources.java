package org.vsekai.nebula.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.vsekai.nebula.api.rest.ErrorBody;
import org.vsekai.nebula.server.auth.ApiAuth;
import org.vsekai.nebula.server.auth.CallerAuthenticator;
import org.vsekai.nebula.server.core.RoleToken;
import org.vsekai.nebula.server.jersey.ApiJson;
import org.vsekai.nebula.server.jersey.ErrorMappers;

/**
 * Resources as the application serves them, for {@link ResourceExtension} tests: its JSON, its
 * error mappers and its authentication, with fixed role tokens.
 */
final class ApiResources {
  static final String PUBLISHER = "publisher-token-for-tests";
  static final String SUPPORT = "support-token-for-tests";

  private ApiResources() {}

  /**
   * @param installs the install a credential proves, as {@code InstallCredentialCache#verify}
   */
  static ResourceExtension.Builder builder(Function<String, Optional<UUID>> installs) {
    ResourceExtension.Builder b =
        ResourceExtension.builder()
            .setMapper(ApiJson.forRequests(Jackson.newObjectMapper()))
            .setRegisterDefaultExceptionMappers(false);
    ErrorMappers.all().forEach(b::addProvider);
    ApiAuth.providers(
            new CallerAuthenticator(new RoleToken(PUBLISHER), new RoleToken(SUPPORT), installs))
        .forEach(
            p -> {
              if (p instanceof Class<?> c) {
                b.addProvider(c);
              } else {
                b.addProvider(p);
              }
            });
    return b;
  }

  /**
   * A request to {@code path}, which may end in a query ({@code ?a=b&c=d}, values unencoded), with
   * {@code credential} as its bearer token (null: none).
   */
  static Invocation.Builder request(ResourceExtension resources, String path, String credential) {
    String[] pathAndQuery = path.split("\\?", 2);
    WebTarget target = resources.target(pathAndQuery[0]);
    if (pathAndQuery.length == 2) {
      for (String pair : pathAndQuery[1].split("&", -1)) {
        String[] nameAndValue = pair.split("=", 2);
        target = target.queryParam(nameAndValue[0], nameAndValue[1]);
      }
    }
    Invocation.Builder request = target.request(MediaType.APPLICATION_JSON);
    return credential == null
        ? request
        : request.header(HttpHeaders.AUTHORIZATION, "Bearer " + credential);
  }

  /** The error of a JSON error answer, checking that it is one. */
  static String error(Response r) {
    assertThat(r.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE))
        .as("content type of a %d", r.getStatus())
        .isTrue();
    return r.readEntity(ErrorBody.class).error();
  }
}
