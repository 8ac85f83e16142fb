package org.vsekai.nebula.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringWriter;

/** Error answers written by servlet filters, in the API's shape: {@code {"error": "..."}}. */
final class JsonErrors {
  private static final JsonFactory JSON = new JsonFactory();

  private JsonErrors() {}

  static void send(HttpServletResponse response, int status, String message) throws IOException {
    StringWriter body = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(body)) {
      g.writeStartObject();
      g.writeStringField("error", message);
      g.writeEndObject();
    }
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(body.toString());
  }
}
