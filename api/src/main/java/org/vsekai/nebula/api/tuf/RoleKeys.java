package org.vsekai.nebula.api.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The keys a role trusts and how many of them must sign: a root's {@code roles} entry. */
public record RoleKeys(List<String> keyids, int threshold) {
  public RoleKeys {
    keyids = List.copyOf(keyids);
    if (threshold < 1) {
      throw new IllegalArgumentException("a threshold is at least 1");
    }
  }

  static RoleKeys fromJson(JsonNode json, String what) {
    JsonNode ids = json.get("keyids");
    if (ids == null || !ids.isArray()) {
      throw new TufRefusal(TufRefusal.Reason.MALFORMED, what + " lacks keyids");
    }
    List<String> keyids = new ArrayList<>();
    ids.forEach(
        id -> {
          if (!id.isTextual()) {
            throw new TufRefusal(TufRefusal.Reason.MALFORMED, what + " has a bad keyid");
          }
          keyids.add(id.textValue());
        });
    if (new LinkedHashSet<>(keyids).size() != keyids.size()) {
      throw new TufRefusal(TufRefusal.Reason.MALFORMED, what + " lists a keyid twice");
    }
    long threshold = TufJson.positive(json, "threshold", what);
    if (threshold > Integer.MAX_VALUE) {
      throw new TufRefusal(TufRefusal.Reason.MALFORMED, what + " has an absurd threshold");
    }
    return new RoleKeys(keyids, (int) threshold);
  }
}
