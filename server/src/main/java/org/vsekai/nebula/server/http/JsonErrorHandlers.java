package org.vsekai.nebula.server.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a URI it cannot parse or that is too long, a NUL, an unknown method, a
 * body that never arrives) in the API's shape, {@code {"error": "..."}}, whatever the client
 * accepts: Jetty would otherwise answer those in HTML, or with an empty body. A server error says
 * only that it happened; its details are in the log.
 */
public final class JsonErrorHandlers {
  private JsonErrorHandlers() {}

  /** For the whole server: requests Jetty refuses before any context sees them. */
  public static final class ForServer extends ErrorHandler {
    @Override
    public boolean errorPageForMethod(String method) {
      return true;
    }

    @Override
    protected boolean generateAcceptableResponse(
        Request request,
        Response response,
        Callback callback,
        String contentType,
        List<Charset> charsets,
        int code,
        String message,
        Throwable cause)
        throws IOException {
      return writeJson(response, callback, code, message);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      fields.put(HttpHeader.CONTENT_TYPE, "application/json");
      return ByteBuffer.wrap(body(status, reason));
    }
  }

  /** For the servlet context: what servlets and Jersey leave to the container. */
  public static final class ForServlets extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
    @Override
    public boolean errorPageForMethod(String method) {
      return true;
    }

    @Override
    protected boolean generateAcceptableResponse(
        Request request,
        Response response,
        Callback callback,
        String contentType,
        List<Charset> charsets,
        int code,
        String message,
        Throwable cause)
        throws IOException {
      return writeJson(response, callback, code, message);
    }
  }

  private static boolean writeJson(Response response, Callback callback, int code, String message) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    return true;
  }

  static byte[] body(int code, String message) {
    String text;
    if (code >= 500) {
      text = "internal error (" + code + "); the service log has the details";
    } else if (message == null || message.isBlank() || message.startsWith("org.")) {
      text = HttpStatus.getMessage(code);
    } else {
      text = message;
    }
    StringBuilder json = new StringBuilder("{\"error\":\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
  }
}
