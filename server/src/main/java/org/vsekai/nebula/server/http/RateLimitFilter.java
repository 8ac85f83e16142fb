package org.vsekai.nebula.server.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Predicate;
import org.vsekai.nebula.api.BearerHeader;
import org.vsekai.nebula.gateway.KeyedTokenBuckets;

/**
 * Rate limits by client address for every caller without a role token (players, anonymous readers,
 * and anyone presenting a credential that is not a role's): a 429 with {@code Retry-After} past the
 * budget, before the call costs a database read or a Temporal call. Registration has a budget of
 * its own. Publishers and support staff are not limited; their tokens are checked here in constant
 * time, so a made-up token buys nothing.
 *
 * <p>Behind a proxy, configure the connector's {@code useForwardedHeaders} so the address is the
 * player's, not the proxy's.
 */
public final class RateLimitFilter implements Filter {
  static final String REGISTRATION_PATH = "/api/v1/installs";

  private final KeyedTokenBuckets requests;
  private final KeyedTokenBuckets registrations;
  private final Predicate<String> roleToken;

  /**
   * @param requests budget of each address for calls; null for none
   * @param registrations budget of each address for registrations; null for none
   * @param roleToken whether a bearer credential is a role's token (publisher, support)
   */
  public RateLimitFilter(
      KeyedTokenBuckets requests, KeyedTokenBuckets registrations, Predicate<String> roleToken) {
    this.requests = requests;
    this.registrations = registrations;
    this.roleToken = roleToken;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    if (!roleToken.test(BearerHeader.credential(request.getHeader("Authorization")))) {
      String address = request.getRemoteAddr();
      if (registrations != null
          && "POST".equals(request.getMethod())
          && REGISTRATION_PATH.equals(request.getRequestURI())
          && refused(registrations.take(address), "registrations", (HttpServletResponse) res)) {
        return;
      }
      if (requests != null
          && refused(requests.take(address), "requests", (HttpServletResponse) res)) {
        return;
      }
    }
    chain.doFilter(req, res);
  }

  private static boolean refused(long retryAfterSeconds, String what, HttpServletResponse res)
      throws IOException {
    if (retryAfterSeconds == 0) {
      return false;
    }
    res.setHeader("Retry-After", Long.toString(retryAfterSeconds));
    JsonErrors.send(
        res,
        429,
        "too many " + what + " from this address; try again in " + retryAfterSeconds + " s");
    return true;
  }
}
