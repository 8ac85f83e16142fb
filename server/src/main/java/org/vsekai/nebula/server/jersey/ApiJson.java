package org.vsekai.nebula.server.jersey;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/** How the API reads and writes JSON; the application and the resource tests both use it. */
public final class ApiJson {
  private ApiJson() {}

  /**
   * Instants as ISO-8601 text; a misspelt field is a client's mistake to hear about, not to have
   * silently dropped. The configuration is read with these too.
   */
  public static ObjectMapper textDatesAndKnownFields(ObjectMapper mapper) {
    return mapper
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /**
   * Request bodies are read as written: {@code {"name": 123}} is a mistake, not the name "123", and
   * "3" is not the number 3. The application sets this after the configuration was read with the
   * same mapper, because environment variables reach the YAML as text.
   */
  public static ObjectMapper strictScalars(ObjectMapper mapper) {
    mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  /** Both of the above: the mapper requests meet. */
  public static ObjectMapper forRequests(ObjectMapper mapper) {
    return strictScalars(textDatesAndKnownFields(mapper));
  }
}
