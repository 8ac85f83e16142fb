package org.vsekai.nebula.api.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.vsekai.nebula.api.manifest.Ed25519Keys;

/**
 * A TUF repository written to a folder with consistent snapshots, as a release engineer and the
 * service would keep it: metadata under {@code metadata/}, targets under {@code targets/} by
 * hash-prefixed name. Tests change its keys and versions, or write what an attacker would.
 */
final class TestRepository {
  final Path metadataDir;
  final Path targetsDir;
  final Map<String, List<TufSigner>> signers = new HashMap<>();
  final Map<String, Integer> thresholds = new HashMap<>();
  final Map<String, Long> versions = new HashMap<>();
  final Map<String, TargetFile> targets = new LinkedHashMap<>();
  Instant expires = Instant.now().plus(Duration.ofDays(7));
  private byte[] lastSnapshot;
  private byte[] lastTargets;

  TestRepository(Path dir) throws IOException {
    metadataDir = Files.createDirectories(dir.resolve("metadata"));
    targetsDir = Files.createDirectories(dir.resolve("targets"));
    for (String role : List.of("root", "targets", "snapshot", "timestamp")) {
      signers.put(role, new ArrayList<>(List.of(newSigner())));
      thresholds.put(role, 1);
      versions.put(role, 0L);
    }
  }

  static TufSigner newSigner() {
    return new TufSigner(Ed25519Keys.generate());
  }

  /** Writes the next root, signed by {@code signedBy} (the old and the new root keys). */
  byte[] publishRoot(List<TufSigner> signedBy) {
    long v = versions.merge("root", 1L, Long::sum);
    byte[] bytes = MetadataBuilder.sign(rootSigned(v), signedBy);
    write(v + ".root.json", bytes);
    return bytes;
  }

  ObjectNode rootSigned(long version) {
    Map<String, TufKey> keys = new LinkedHashMap<>();
    Map<String, RoleKeys> roles = new HashMap<>();
    signers.forEach(
        (role, list) -> {
          List<String> ids = new ArrayList<>();
          for (TufSigner s : list) {
            keys.put(s.keyId(), s.key());
            ids.add(s.keyId());
          }
          roles.put(role, new RoleKeys(ids, thresholds.get(role)));
        });
    return MetadataBuilder.root(version, expires, keys.values(), roles, true);
  }

  /** Adds a target file with its bytes under the hash-prefixed name. */
  TargetFile addTarget(String path, byte[] data, JsonNode custom) {
    TargetFile t = MetadataBuilder.target(path, data, custom);
    targets.put(path, t);
    int slash = path.lastIndexOf('/');
    Path file =
        targetsDir.resolve(
            path.substring(0, slash + 1)
                + t.hashes().get("sha256")
                + "."
                + path.substring(slash + 1));
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return t;
  }

  /** Signs and writes new targets, snapshot and timestamp. */
  void publish() {
    publishTargets(UnaryOperator.identity());
    publishSnapshot(UnaryOperator.identity());
    publishTimestamp(UnaryOperator.identity());
  }

  byte[] publishTargets(UnaryOperator<ObjectNode> change) {
    long v = versions.merge("targets", 1L, Long::sum);
    lastTargets =
        MetadataBuilder.sign(
            change.apply(MetadataBuilder.targets(v, expires, targets.values())),
            signers.get("targets"));
    write(v + ".targets.json", lastTargets);
    return lastTargets;
  }

  byte[] publishSnapshot(UnaryOperator<ObjectNode> change) {
    long v = versions.merge("snapshot", 1L, Long::sum);
    ObjectNode signed =
        MetadataBuilder.snapshot(
            v,
            expires,
            Map.of("targets.json", MetadataBuilder.metaFile(versions.get("targets"), lastTargets)));
    lastSnapshot = MetadataBuilder.sign(change.apply(signed), signers.get("snapshot"));
    write(v + ".snapshot.json", lastSnapshot);
    return lastSnapshot;
  }

  byte[] publishTimestamp(UnaryOperator<ObjectNode> change) {
    long v = versions.merge("timestamp", 1L, Long::sum);
    ObjectNode signed =
        MetadataBuilder.timestamp(
            v, expires, MetadataBuilder.metaFile(versions.get("snapshot"), lastSnapshot));
    byte[] bytes = MetadataBuilder.sign(change.apply(signed), signers.get("timestamp"));
    write("timestamp.json", bytes);
    return bytes;
  }

  void write(String name, byte[] bytes) {
    try {
      Files.write(metadataDir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] read(String name) throws IOException {
    return Files.readAllBytes(metadataDir.resolve(name));
  }
}
