package org.vsekai.nebula.api.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code hashes} of metadata and targets, and their check. */
final class Hashes {
  private Hashes() {}

  static Map<String, String> fromJson(JsonNode owner, String what) {
    JsonNode hashes = TufJson.object(owner, "hashes", what);
    if (hashes.isEmpty()) {
      throw new TufRefusal(TufRefusal.Reason.MALFORMED, what + " has empty hashes");
    }
    Map<String, String> out = new LinkedHashMap<>();
    hashes
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isTextual()) {
                throw new TufRefusal(TufRefusal.Reason.MALFORMED, what + " has a bad hash");
              }
              out.put(e.getKey(), e.getValue().textValue());
            });
    return out;
  }

  /**
   * Refuses {@code data} unless every hash this client knows matches; a set with none it knows
   * cannot vouch for anything, so it is refused too.
   */
  static void check(byte[] data, Map<String, String> hashes, String what) {
    int checked = 0;
    for (Map.Entry<String, String> h : hashes.entrySet()) {
      String jdk = jdkName(h.getKey());
      if (jdk == null) {
        continue;
      }
      checked++;
      if (!digestHex(jdk, data).equalsIgnoreCase(h.getValue())) {
        throw new TufRefusal(
            TufRefusal.Reason.HASH_MISMATCH, what + " does not match its " + h.getKey() + " hash");
      }
    }
    if (checked == 0 && !hashes.isEmpty()) {
      throw new TufRefusal(
          TufRefusal.Reason.HASH_MISMATCH,
          what + " has only hashes this client cannot check: " + hashes.keySet());
    }
  }

  static String sha256(byte[] data) {
    return digestHex("SHA-256", data);
  }

  private static String jdkName(String tufName) {
    return switch (tufName) {
      case "sha256" -> "SHA-256";
      case "sha384" -> "SHA-384";
      case "sha512" -> "SHA-512";
      default -> null;
    };
  }

  private static String digestHex(String algorithm, byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
