package org.vsekai.nebula.api.tuf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Writes the {@code signed} part of each top-level role, as the specification lays them out, for
 * the repository side (the service and {@code vsekai keys}).
 */
public final class MetadataBuilder {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private MetadataBuilder() {}

  public static ObjectNode root(
      long version,
      Instant expires,
      Collection<TufKey> keys,
      Map<String, RoleKeys> roles,
      boolean consistentSnapshot) {
    ObjectNode signed = common("root", version, expires);
    signed.put("consistent_snapshot", consistentSnapshot);
    ObjectNode keyNode = signed.putObject("keys");
    for (TufKey k : keys) {
      keyNode.set(k.keyId(), k.json());
    }
    ObjectNode roleNode = signed.putObject("roles");
    for (String name : new String[] {"root", "targets", "snapshot", "timestamp"}) {
      RoleKeys r = roles.get(name);
      if (r == null) {
        throw new IllegalArgumentException("a root needs the role " + name);
      }
      ObjectNode n = roleNode.putObject(name);
      r.keyids().forEach(n.putArray("keyids")::add);
      n.put("threshold", r.threshold());
    }
    return signed;
  }

  public static ObjectNode targets(long version, Instant expires, Collection<TargetFile> targets) {
    ObjectNode signed = common("targets", version, expires);
    ObjectNode t = signed.putObject("targets");
    for (TargetFile f : targets) {
      ObjectNode n = t.putObject(f.path());
      n.put("length", f.length());
      ObjectNode h = n.putObject("hashes");
      f.hashes().forEach(h::put);
      if (f.custom() != null && !f.custom().isNull()) {
        n.set("custom", f.custom());
      }
    }
    return signed;
  }

  public static ObjectNode snapshot(long version, Instant expires, Map<String, MetaFile> meta) {
    ObjectNode signed = common("snapshot", version, expires);
    writeMeta(signed.putObject("meta"), meta);
    return signed;
  }

  public static ObjectNode timestamp(long version, Instant expires, MetaFile snapshot) {
    ObjectNode signed = common("timestamp", version, expires);
    writeMeta(signed.putObject("meta"), Map.of("snapshot.json", snapshot));
    return signed;
  }

  /** A target entry for {@code data}: its length and SHA-256. */
  public static TargetFile target(String path, byte[] data, JsonNode custom) {
    return new TargetFile(path, data.length, Map.of("sha256", Hashes.sha256(data)), custom);
  }

  /** What the metadata above says of {@code bytes}: version, length and SHA-256. */
  public static MetaFile metaFile(long version, byte[] bytes) {
    return new MetaFile(
        version, OptionalLong.of(bytes.length), Map.of("sha256", Hashes.sha256(bytes)));
  }

  /** Signs {@code signed} with each signer and writes the metadata file's bytes. */
  public static byte[] sign(JsonNode signed, Collection<TufSigner> signers) {
    byte[] message = CanonicalJson.encode(signed);
    ObjectNode doc = JSON.objectNode();
    var sigs = doc.putArray("signatures");
    for (TufSigner s : signers) {
      Metadata.Sig sig = s.sign(message);
      sigs.addObject().put("keyid", sig.keyid()).put("sig", sig.sig());
    }
    doc.set("signed", signed);
    try {
      return TufJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Adds signatures to a metadata file someone else began signing: the signing ceremony of a
   * threshold, one key holder after another. A signer that already signed is signed again.
   */
  public static byte[] addSignatures(byte[] metadataFile, Collection<TufSigner> signers) {
    JsonNode doc = TufJson.parse(metadataFile, "metadata");
    JsonNode signed = TufJson.object(doc, "signed", "metadata");
    Metadata existing = Metadata.parse(metadataFile, TufJson.text(signed, "_type", "metadata"));
    byte[] message = existing.signedBytes();
    Map<String, Metadata.Sig> sigs = new LinkedHashMap<>();
    existing.signatures().forEach(s -> sigs.put(s.keyid(), s));
    for (TufSigner s : signers) {
      sigs.put(s.keyId(), s.sign(message));
    }
    ObjectNode out = JSON.objectNode();
    var array = out.putArray("signatures");
    sigs.values().forEach(s -> array.addObject().put("keyid", s.keyid()).put("sig", s.sig()));
    out.set("signed", signed);
    try {
      return TufJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode common(String type, long version, Instant expires) {
    ObjectNode signed = JSON.objectNode();
    signed.put("_type", type);
    signed.put("spec_version", Metadata.SPEC_VERSION);
    signed.put("version", version);
    signed.put("expires", TufJson.format(expires));
    return signed;
  }

  private static void writeMeta(ObjectNode out, Map<String, MetaFile> meta) {
    meta.forEach(
        (name, m) -> {
          ObjectNode n = out.putObject(name);
          n.put("version", m.version());
          m.length().ifPresent(l -> n.put("length", l));
          if (!m.hashes().isEmpty()) {
            ObjectNode h = n.putObject("hashes");
            m.hashes().forEach(h::put);
          }
        });
  }
}
