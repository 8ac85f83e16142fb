package org.vsekai.nebula.api.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The OLPC canonical JSON that TUF signatures cover (what python-tuf's securesystemslib writes):
 * object keys sorted, no whitespace, strings escaping only {@code "} and {@code \}, integers only.
 * Signatures are checked over these bytes of the parsed {@code signed} object, never over the bytes
 * as they arrived, so two writers that format differently still agree.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  public static byte[] encode(JsonNode node) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(node, out);
    return out.toByteArray();
  }

  private static void write(JsonNode node, ByteArrayOutputStream out) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        out.write('{');
        for (int i = 0; i < names.size(); i++) {
          if (i > 0) {
            out.write(',');
          }
          string(names.get(i), out);
          out.write(':');
          write(node.get(names.get(i)), out);
        }
        out.write('}');
      }
      case ARRAY -> {
        out.write('[');
        Iterator<JsonNode> items = node.elements();
        boolean first = true;
        while (items.hasNext()) {
          if (!first) {
            out.write(',');
          }
          first = false;
          write(items.next(), out);
        }
        out.write(']');
      }
      case STRING -> string(node.textValue(), out);
      case NUMBER -> {
        if (!node.canConvertToExactIntegral() || !node.isIntegralNumber()) {
          throw new TufRefusal(
              TufRefusal.Reason.MALFORMED, "canonical JSON has no fractions: " + node);
        }
        out.writeBytes(node.bigIntegerValue().toString().getBytes(StandardCharsets.US_ASCII));
      }
      case BOOLEAN -> out.writeBytes(node.booleanValue() ? bytes("true") : bytes("false"));
      case NULL -> out.writeBytes(bytes("null"));
      default ->
          throw new TufRefusal(
              TufRefusal.Reason.MALFORMED, "not a JSON value: " + node.getNodeType());
    }
  }

  private static void string(String s, ByteArrayOutputStream out) {
    out.write('"');
    out.writeBytes(s.replace("\\", "\\\\").replace("\"", "\\\"").getBytes(StandardCharsets.UTF_8));
    out.write('"');
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
