package org.vsekai.nebula.api.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One metadata file, {@code {"signed": {...}, "signatures": [...]}}, parsed strictly: the common
 * fields every role has ({@code _type}, {@code spec_version}, {@code version}, {@code expires}) are
 * checked on parse, and each role's own fields by its accessor. The bytes signatures cover are the
 * canonical JSON of {@code signed}, so unknown fields are kept and verified too.
 */
public final class Metadata {
  /** The specification this client follows; metadata of another major version is refused. */
  public static final String SPEC_VERSION = "1.0.31";

  /** A signature: which key made it, and the signature, hex. */
  public record Sig(String keyid, String sig) {}

  private final String role;
  private final JsonNode signed;
  private final List<Sig> signatures;
  private final long version;
  private final Instant expires;

  private Metadata(String role, JsonNode signed, List<Sig> signatures) {
    this.role = role;
    this.signed = signed;
    this.signatures = List.copyOf(signatures);
    String what = role + " metadata";
    String spec = TufJson.text(signed, "spec_version", what);
    if (!spec.matches("\\d+\\.\\d+(\\.\\d+)?")) {
      throw new TufRefusal(TufRefusal.Reason.MALFORMED, what + " has spec_version " + spec);
    }
    if (!spec.split("\\.")[0].equals(SPEC_VERSION.split("\\.")[0])) {
      throw new TufRefusal(
          TufRefusal.Reason.UNSUPPORTED_SPEC_VERSION,
          what + " is of specification " + spec + "; this client speaks " + SPEC_VERSION);
    }
    this.version = TufJson.positive(signed, "version", what);
    this.expires = TufJson.instant(TufJson.text(signed, "expires", what), what);
  }

  /** Parses {@code bytes} as metadata of {@code role} (root, timestamp, snapshot or targets). */
  public static Metadata parse(byte[] bytes, String role) {
    String what = role + " metadata";
    JsonNode doc = TufJson.parse(bytes, what);
    JsonNode signed = TufJson.object(doc, "signed", what);
    String type = TufJson.text(signed, "_type", what);
    if (!type.equals(role)) {
      throw new TufRefusal(
          TufRefusal.Reason.MALFORMED, what + " is of type '" + type + "', not '" + role + "'");
    }
    JsonNode sigs = doc.get("signatures");
    if (sigs == null || !sigs.isArray()) {
      throw new TufRefusal(TufRefusal.Reason.MALFORMED, what + " lacks signatures");
    }
    List<Sig> signatures = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode s : sigs) {
      String keyid = TufJson.text(s, "keyid", what + " signature");
      if (!seen.add(keyid)) {
        throw new TufRefusal(
            TufRefusal.Reason.MALFORMED, what + " has two signatures by key " + keyid);
      }
      signatures.add(new Sig(keyid, TufJson.text(s, "sig", what + " signature")));
    }
    return new Metadata(role, signed, signatures);
  }

  /** Metadata made from a {@code signed} object, with signatures to be added. */
  static Metadata of(JsonNode signed, List<Sig> signatures) {
    return new Metadata(TufJson.text(signed, "_type", "metadata"), signed.deepCopy(), signatures);
  }

  public String role() {
    return role;
  }

  public long version() {
    return version;
  }

  public Instant expires() {
    return expires;
  }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expires);
  }

  public JsonNode signed() {
    return signed.deepCopy();
  }

  public List<Sig> signatures() {
    return signatures;
  }

  /** The bytes every signature covers. */
  public byte[] signedBytes() {
    return CanonicalJson.encode(signed);
  }

  /**
   * Refuses this metadata unless at least {@code role.threshold()} distinct keys of {@code role},
   * as described in {@code keys}, signed it.
   */
  public void requireThreshold(Map<String, TufKey> keys, RoleKeys roleKeys, String roleName) {
    byte[] message = signedBytes();
    Set<String> valid = new HashSet<>();
    for (String keyid : roleKeys.keyids()) {
      TufKey key = keys.get(keyid);
      if (key == null) {
        continue;
      }
      for (Sig s : signatures) {
        if (s.keyid().equals(keyid) && key.verifies(message, s.sig())) {
          valid.add(keyid);
        }
      }
    }
    if (valid.size() < roleKeys.threshold()) {
      throw new TufRefusal(
          TufRefusal.Reason.THRESHOLD_NOT_MET,
          role
              + " metadata version "
              + version
              + " has "
              + valid.size()
              + " valid signature(s) of the "
              + roleKeys.threshold()
              + " role "
              + roleName
              + " needs");
    }
  }

  // ---- root

  /** A root's keys by keyid. */
  public Map<String, TufKey> keys() {
    requireRole("root");
    Map<String, TufKey> keys = new LinkedHashMap<>();
    TufJson.object(signed, "keys", "root metadata")
        .fields()
        .forEachRemaining(e -> keys.put(e.getKey(), TufKey.fromJson(e.getValue())));
    return keys;
  }

  /** A root's entry for one of the four top-level roles. */
  public RoleKeys roleKeys(String name) {
    requireRole("root");
    JsonNode roles = TufJson.object(signed, "roles", "root metadata");
    JsonNode r = roles.get(name);
    if (r == null || !r.isObject()) {
      throw new TufRefusal(TufRefusal.Reason.MALFORMED, "root metadata has no role " + name);
    }
    return RoleKeys.fromJson(r, "root role " + name);
  }

  public boolean consistentSnapshot() {
    requireRole("root");
    return signed.path("consistent_snapshot").asBoolean(false);
  }

  // ---- timestamp and snapshot

  /** A timestamp's or snapshot's {@code meta}: file name to version, length and hashes. */
  public Map<String, MetaFile> meta() {
    if (!role.equals("timestamp") && !role.equals("snapshot")) {
      requireRole("snapshot");
    }
    Map<String, MetaFile> meta = new LinkedHashMap<>();
    TufJson.object(signed, "meta", role + " metadata")
        .fields()
        .forEachRemaining(
            e ->
                meta.put(
                    e.getKey(), MetaFile.fromJson(e.getValue(), role + " meta " + e.getKey())));
    return meta;
  }

  // ---- targets

  public Map<String, TargetFile> targets() {
    requireRole("targets");
    Map<String, TargetFile> targets = new LinkedHashMap<>();
    TufJson.object(signed, "targets", "targets metadata")
        .fields()
        .forEachRemaining(
            e -> targets.put(e.getKey(), TargetFile.fromJson(e.getKey(), e.getValue())));
    return targets;
  }

  private void requireRole(String expected) {
    if (!role.equals(expected)) {
      throw new IllegalStateException(role + " metadata has no " + expected + " fields");
    }
  }
}
