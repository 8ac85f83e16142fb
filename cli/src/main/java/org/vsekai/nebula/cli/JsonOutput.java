package org.vsekai.nebula.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import org.vsekai.nebula.activities.local.Json;

/** One JSON value per line on stdout. */
public final class JsonOutput {
  private JsonOutput() {}

  public static void line(PrintWriter out, Object value) {
    try {
      out.println(Json.mapper().writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
