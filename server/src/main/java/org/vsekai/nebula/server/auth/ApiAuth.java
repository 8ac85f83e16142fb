package org.vsekai.nebula.server.auth;

import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import java.util.List;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/**
 * Who may call what: a bearer credential is checked before any body is read, and
 * {@code @RolesAllowed} says which role each call takes. The application and the resource tests
 * register the same three providers.
 */
public final class ApiAuth {
  private ApiAuth() {}

  public static List<Object> providers(CallerAuthenticator authenticator) {
    return List.of(
        new AuthDynamicFeature(
            new OAuthCredentialAuthFilter.Builder<Caller>()
                .setAuthenticator(authenticator)
                .setAuthorizer((caller, role, request) -> caller.role().name().equals(role))
                .setPrefix("Bearer")
                .setRealm("nebula")
                .setUnauthorizedHandler(new JsonUnauthorized())
                .buildAuthFilter()),
        RolesAllowedDynamicFeature.class,
        new AuthValueFactoryProvider.Binder<>(Caller.class));
  }
}
