package org.vsekai.nebula.api.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Map;

/** One entry of targets metadata: a path with the length, hashes and custom fields signed. */
public record TargetFile(String path, long length, Map<String, String> hashes, JsonNode custom) {
  public TargetFile {
    hashes = Map.copyOf(hashes);
    custom = custom == null ? NullNode.getInstance() : custom;
  }

  static TargetFile fromJson(String path, JsonNode json) {
    String what = "target " + path;
    JsonNode length = json.get("length");
    if (length == null || !length.isIntegralNumber() || length.longValue() < 0) {
      throw new TufRefusal(TufRefusal.Reason.MALFORMED, what + " lacks a length");
    }
    return new TargetFile(
        path, length.longValue(), Hashes.fromJson(json, what), json.get("custom"));
  }

  /** A custom string field, or null. */
  public String custom(String field) {
    JsonNode v = custom.get(field);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  /** Refuses {@code data} unless it has this target's exact length and hashes. */
  public void check(byte[] data) {
    if (data.length != length) {
      throw new TufRefusal(
          TufRefusal.Reason.HASH_MISMATCH,
          "target " + path + " is " + data.length + " bytes, its metadata says " + length);
    }
    Hashes.check(data, hashes, "target " + path);
  }
}
