package org.vsekai.nebula.server.jersey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What was wrong with a request body, said in JSON's terms ("field 'name' must be a string"), not
 * Jackson's: its messages name the service's Java classes, which are nobody's business outside.
 */
final class JsonProblem {
  private JsonProblem() {}

  static String describe(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown field '" + u.getPropertyName() + "'";
    }
    if (e instanceof InvalidFormatException f) {
      Class<?> target = f.getTargetType();
      String value = String.valueOf(f.getValue());
      if (target != null && target.isEnum()) {
        return field(f)
            + " is \""
            + value
            + "\", which is none of "
            + Arrays.stream(target.getEnumConstants())
                .map(String::valueOf)
                .collect(Collectors.joining(", "));
      }
      return field(f) + " must be " + kind(target) + ", not \"" + value + "\"";
    }
    if (e instanceof MismatchedInputException m) {
      return field(m) + " must be " + kind(m.getTargetType());
    }
    // Syntax errors: the parser's own words name no types, only positions.
    String detail = e.getOriginalMessage();
    int newline = detail == null ? -1 : detail.indexOf('\n');
    if (newline >= 0) {
      detail = detail.substring(0, newline);
    }
    return "the request body is not valid JSON: " + scrubTypes(detail);
  }

  private static String field(JsonMappingException e) {
    String path =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    return path.isEmpty() ? "the request body" : "field '" + path + "'";
  }

  /** The JSON kind a Java type is read from. */
  static String kind(Class<?> type) {
    if (type == null) {
      return "another kind of value";
    }
    if (CharSequence.class.isAssignableFrom(type) || type.isEnum()) {
      return "a string";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
      return "a number";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return "a date and time";
    }
    if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
      return "an object";
    }
    return "a value of another kind";
  }

  /** Any `qualified.Type` left in a message, as the kind of JSON value it is read from. */
  private static String scrubTypes(String message) {
    return message == null ? "" : message.replaceAll("`[A-Za-z0-9_$.\\[\\]<>, ]+`", "a value");
  }
}
