package org.vsekai.nebula.api.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What timestamp says of snapshot, or snapshot of a targets role: its version, and optionally its
 * length and hashes.
 */
public record MetaFile(long version, OptionalLong length, Map<String, String> hashes) {
  public MetaFile {
    hashes = Map.copyOf(hashes);
  }

  static MetaFile fromJson(JsonNode json, String what) {
    long version = TufJson.positive(json, "version", what);
    OptionalLong length =
        json.has("length")
            ? OptionalLong.of(TufJson.positive(json, "length", what))
            : OptionalLong.empty();
    Map<String, String> hashes = json.has("hashes") ? Hashes.fromJson(json, what) : Map.of();
    return new MetaFile(version, length, hashes);
  }
}
