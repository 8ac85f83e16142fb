package org.vsekai.nebula.api.tuf;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Strict JSON for metadata: a duplicate key or trailing bytes make it malformed. */
final class TufJson {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private TufJson() {}

  static JsonNode parse(byte[] bytes, String what) {
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new TufRefusal(TufRefusal.Reason.MALFORMED, what + " is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new TufRefusal(
          TufRefusal.Reason.MALFORMED,
          what
              + " is not valid JSON: "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
  }

  static String text(JsonNode node, String field, String what) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new TufRefusal(TufRefusal.Reason.MALFORMED, what + " lacks the string " + field);
    }
    return v.textValue();
  }

  static long positive(JsonNode node, String field, String what) {
    JsonNode v = node.get(field);
    if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.longValue() < 1) {
      throw new TufRefusal(
          TufRefusal.Reason.MALFORMED, what + " lacks a positive integer " + field);
    }
    return v.longValue();
  }

  static JsonNode object(JsonNode node, String field, String what) {
    JsonNode v = node.get(field);
    if (v == null || !v.isObject()) {
      throw new TufRefusal(TufRefusal.Reason.MALFORMED, what + " lacks the object " + field);
    }
    return v;
  }

  /** TUF's timestamps: {@code YYYY-MM-DDTHH:MM:SSZ}, whole seconds in UTC. */
  static Instant instant(String text, String what) {
    if (!text.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")) {
      throw new TufRefusal(TufRefusal.Reason.MALFORMED, what + " expires at a bad time: " + text);
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new TufRefusal(TufRefusal.Reason.MALFORMED, what + " expires at a bad time: " + text);
    }
  }

  static String format(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
