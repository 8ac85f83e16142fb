package org.vsekai.nebula.server.store;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.vsekai.nebula.server.core.RoleToken;

/**
 * A folder of immutable, content-addressed files over HTTP, in desync's store protocol: GET and
 * HEAD for anyone, PUT with the publisher token. A plain servlet rather than a Jersey resource; the
 * successful GETs and HEADs of the application port are answered before it, by {@link
 * StoreReadHandler}. Errors are {@code {"error": "..."}} like the rest of the API: 400 malformed
 * name, 401 bad token, 404 absent, 405 other methods, 413 too large.
 */
public abstract class ContentAddressedServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final String ALLOW = "GET, HEAD, PUT";
  // Names are digests of the content, so a cached copy can never go stale.
  static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private final transient RoleToken token;
  private final int maxUploadBytes;
  private final transient Meter served;
  private final transient Meter servedBytes;
  private final transient Meter stored;

  ContentAddressedServlet(
      RoleToken token, int maxUploadBytes, MetricRegistry metrics, String metricPrefix) {
    this.token = token;
    this.maxUploadBytes = maxUploadBytes;
    this.served = metrics.meter(metricPrefix + ".served");
    this.servedBytes = metrics.meter(metricPrefix + ".served-bytes");
    this.stored = metrics.meter(metricPrefix + ".stored");
  }

  /** The file a request path names, or null when the path is not a valid name here. */
  abstract Path locate(String pathInfo);

  /** Verifies and stores an upload to {@code file}; returns whether it was new. */
  abstract boolean store(Path file, String pathInfo, byte[] body)
      throws IOException, UploadRejectedException;

  /** An upload whose content does not match its name or does not parse. */
  static final class UploadRejectedException extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    UploadRejectedException(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String method = req.getMethod();
    if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("PUT")) {
      resp.setHeader("Allow", ALLOW);
      error(
          resp,
          HttpServletResponse.SC_METHOD_NOT_ALLOWED,
          method + " is not supported here; use " + ALLOW);
      return;
    }
    String pathInfo = req.getPathInfo();
    Path file = pathInfo == null ? null : locate(pathInfo);
    if (file == null) {
      error(
          resp,
          HttpServletResponse.SC_BAD_REQUEST,
          "'" + req.getRequestURI() + "' does not name an object of this store");
      return;
    }
    switch (method) {
      case "GET" -> get(file, resp);
      case "HEAD" -> head(file, resp);
      default -> put(file, pathInfo, req, resp);
    }
  }

  private void get(Path file, HttpServletResponse resp) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      error(resp, HttpServletResponse.SC_NOT_FOUND, file.getFileName() + " is not in the store");
      return;
    }
    try (channel) {
      long size = channel.size();
      if (size == 0) {
        error(resp, HttpServletResponse.SC_NOT_FOUND, file.getFileName() + " is not in the store");
        return;
      }
      resp.setStatus(HttpServletResponse.SC_OK);
      resp.setContentType("application/octet-stream");
      resp.setHeader("Cache-Control", IMMUTABLE);
      resp.setContentLengthLong(size);
      // Only what StoreReadHandler passes on reaches here: objects too large for its buffer.
      try (InputStream in = Channels.newInputStream(channel)) {
        in.transferTo(resp.getOutputStream());
      }
      markServed(size);
    }
  }

  /** Counts one object of {@code size} bytes served, whichever path served it. */
  void markServed(long size) {
    served.mark();
    servedBytes.mark(size);
  }

  private void head(Path file, HttpServletResponse resp) throws IOException {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    if (size == 0) {
      // Left empty by a crash: not an object; the next upload replaces it.
      resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    resp.setStatus(HttpServletResponse.SC_OK);
    resp.setContentType("application/octet-stream");
    resp.setHeader("Cache-Control", IMMUTABLE);
    resp.setContentLengthLong(size);
  }

  private void put(Path file, String pathInfo, HttpServletRequest req, HttpServletResponse resp)
      throws IOException {
    if (!token.accepts(req.getHeader("Authorization"))) {
      resp.setHeader("WWW-Authenticate", "Bearer realm=\"nebula\"");
      error(
          resp,
          HttpServletResponse.SC_UNAUTHORIZED,
          "uploading needs the publisher token (Authorization: Bearer ...)");
      return;
    }
    if (req.getContentLengthLong() > maxUploadBytes) {
      error(
          resp,
          HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
          "upload is larger than " + maxUploadBytes + " bytes");
      return;
    }
    byte[] body;
    try (InputStream in = req.getInputStream()) {
      body = in.readNBytes(maxUploadBytes + 1);
    }
    if (body.length > maxUploadBytes) {
      error(
          resp,
          HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
          "upload is larger than " + maxUploadBytes + " bytes");
      return;
    }
    try {
      boolean created = store(file, pathInfo, body);
      if (created) {
        stored.mark();
      }
      resp.setStatus(created ? HttpServletResponse.SC_CREATED : HttpServletResponse.SC_OK);
      resp.setContentLength(0);
    } catch (UploadRejectedException e) {
      error(resp, e.status, e.getMessage());
    }
  }

  static void error(HttpServletResponse resp, int status, String message) throws IOException {
    byte[] body = ("{\"error\":\"" + jsonEscape(message) + "\"}").getBytes(StandardCharsets.UTF_8);
    resp.setStatus(status);
    resp.setContentType("application/json");
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }

  private static String jsonEscape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
