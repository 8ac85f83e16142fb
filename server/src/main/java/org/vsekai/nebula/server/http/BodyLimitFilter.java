package org.vsekai.nebula.server.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.ToLongFunction;

/**
 * Caps the body of every request before any of it is read: a declared length over the path's cap is
 * a 413, and a body without a declared length (chunked) a 411, so no endpoint ever reads more than
 * its cap (Jetty stops a body at its Content-Length). Clients of this API always know their body's
 * length: JSON they built, a chunk or an index they hold.
 */
public final class BodyLimitFilter implements Filter {
  private final ToLongFunction<String> capForPath;

  /**
   * @param capForPath the largest body a request to this path may carry
   */
  public BodyLimitFilter(ToLongFunction<String> capForPath) {
    this.capForPath = capForPath;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    long declared = request.getContentLengthLong();
    boolean chunked = request.getHeader("Transfer-Encoding") != null;
    if (declared <= 0 && !chunked) {
      chain.doFilter(req, res);
      return;
    }
    long cap = capForPath.applyAsLong(request.getRequestURI());
    if (declared < 0) {
      JsonErrors.send(
          response,
          HttpServletResponse.SC_LENGTH_REQUIRED,
          "a request body needs a Content-Length (at most " + cap + " bytes here)");
      return;
    }
    if (declared > cap) {
      JsonErrors.send(
          response,
          HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
          "the request body of "
              + declared
              + " bytes is over the "
              + cap
              + "-byte limit of "
              + request.getRequestURI());
      return;
    }
    chain.doFilter(req, res);
  }
}
