package org.vsekai.nebula.api.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A public key as TUF metadata writes it: {@code {"keytype": "ed25519", "scheme": "ed25519",
 * "keyval": {"public": <hex of the 32 raw bytes>}}}, named by the SHA-256 of that object's
 * canonical JSON, as python-tuf names the keys it makes. Only Ed25519 verifies here; a key of
 * another type is kept (so metadata round-trips) but never counts towards a threshold.
 */
public final class TufKey {
  /** The DER prefix that turns 32 raw Ed25519 bytes into an X.509 SubjectPublicKeyInfo. */
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private final JsonNode json;
  private final PublicKey ed25519;

  private TufKey(JsonNode json, PublicKey ed25519) {
    this.json = json;
    this.ed25519 = ed25519;
  }

  /** The key an entry of a root's {@code keys} describes. */
  public static TufKey fromJson(JsonNode json) {
    if (json == null
        || !json.path("keytype").isTextual()
        || !json.path("scheme").isTextual()
        || !json.path("keyval").isObject()) {
      throw new TufRefusal(TufRefusal.Reason.MALFORMED, "a key lacks keytype, scheme or keyval");
    }
    PublicKey key = null;
    if ("ed25519".equals(json.get("keytype").textValue())
        && "ed25519".equals(json.get("scheme").textValue())) {
      key = ed25519(json.path("keyval").path("public").asText(""));
    }
    return new TufKey(json.deepCopy(), key);
  }

  /** The TUF form of a JDK Ed25519 public key. */
  public static TufKey of(PublicKey key) {
    byte[] der = key.getEncoded();
    if (der.length != 44 || !Arrays.equals(der, 0, 12, X509_PREFIX, 0, 12)) {
      throw new IllegalArgumentException("not an Ed25519 public key");
    }
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("keytype", "ed25519");
    json.put("scheme", "ed25519");
    json.putObject("keyval").put("public", HexFormat.of().formatHex(der, 12, 44));
    return new TufKey(json, key);
  }

  private static PublicKey ed25519(String hex) {
    try {
      byte[] raw = HexFormat.of().parseHex(hex);
      if (raw.length != 32) {
        throw new TufRefusal(TufRefusal.Reason.MALFORMED, "an ed25519 key is not 32 bytes");
      }
      byte[] der = Arrays.copyOf(X509_PREFIX, 44);
      System.arraycopy(raw, 0, der, 12, 32);
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new TufRefusal(TufRefusal.Reason.MALFORMED, "an ed25519 key is not hex of 32 bytes");
    }
  }

  /** SHA-256 of the key's canonical JSON, hex: the name metadata gives this key. */
  public String keyId() {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(CanonicalJson.encode(json)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public JsonNode json() {
    return json.deepCopy();
  }

  /** The JDK key, when this is an Ed25519 key. */
  public PublicKey publicKey() {
    return ed25519;
  }

  /** Whether {@code sigHex} is this key's signature over {@code message}. */
  public boolean verifies(byte[] message, String sigHex) {
    if (ed25519 == null || sigHex == null) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(ed25519);
      s.update(message);
      return s.verify(HexFormat.of().parseHex(sigHex));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TufKey k && k.json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }
}
