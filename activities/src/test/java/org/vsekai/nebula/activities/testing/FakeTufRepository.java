package org.vsekai.nebula.activities.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.vsekai.nebula.api.manifest.Ed25519Keys;
import org.vsekai.nebula.api.tuf.MetaFile;
import org.vsekai.nebula.api.tuf.MetadataBuilder;
import org.vsekai.nebula.api.tuf.RoleKeys;
import org.vsekai.nebula.api.tuf.TargetFile;
import org.vsekai.nebula.api.tuf.TufKey;
import org.vsekai.nebula.api.tuf.TufSigner;

/**
 * The TUF repository of {@link FakeReleaseService}: root 1 signed by the service's manifest key
 * (the key installs pin, as on the real service), online targets, snapshot and timestamp keys,
 * consistent snapshots. Tests can make the next timestamp expired or edit metadata before signing.
 */
public final class FakeTufRepository {
  private final TufSigner rootKey;
  private final Map<String, TufSigner> online = new HashMap<>();
  private final Map<String, Long> versions = new ConcurrentHashMap<>();
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private volatile Duration lifetime = Duration.ofDays(7);
  private volatile UnaryOperator<ObjectNode> timestampEdit = UnaryOperator.identity();

  FakeTufRepository(KeyPair manifestKey) {
    this.rootKey = new TufSigner(manifestKey);
    for (String role : List.of("targets", "snapshot", "timestamp")) {
      online.put(role, new TufSigner(Ed25519Keys.generate()));
    }
    Map<String, RoleKeys> roles = new LinkedHashMap<>();
    roles.put("root", new RoleKeys(List.of(rootKey.keyId()), 1));
    online.forEach((role, s) -> roles.put(role, new RoleKeys(List.of(s.keyId()), 1)));
    Collection<TufKey> keys =
        List.of(
            rootKey.key(),
            online.get("targets").key(),
            online.get("snapshot").key(),
            online.get("timestamp").key());
    files.put(
        "1.root.json",
        MetadataBuilder.sign(
            MetadataBuilder.root(1, Instant.now().plus(Duration.ofDays(365)), keys, roles, true),
            List.of(rootKey)));
  }

  /** Signs new targets listing exactly {@code targets}, then snapshot and timestamp. */
  synchronized void publish(Collection<TargetFile> targets) {
    Instant expires = Instant.now().plus(lifetime);
    long tv = versions.merge("targets", 1L, Long::sum);
    byte[] t =
        MetadataBuilder.sign(
            MetadataBuilder.targets(tv, expires, targets), List.of(online.get("targets")));
    files.put(tv + ".targets.json", t);
    long sv = versions.merge("snapshot", 1L, Long::sum);
    byte[] s =
        MetadataBuilder.sign(
            MetadataBuilder.snapshot(
                sv, expires, Map.of("targets.json", MetadataBuilder.metaFile(tv, t))),
            List.of(online.get("snapshot")));
    files.put(sv + ".snapshot.json", s);
    signTimestamp(expires, MetadataBuilder.metaFile(sv, s));
  }

  private void signTimestamp(Instant expires, MetaFile snapshot) {
    long v = versions.merge("timestamp", 1L, Long::sum);
    files.put(
        "timestamp.json",
        MetadataBuilder.sign(
            timestampEdit.apply(MetadataBuilder.timestamp(v, expires, snapshot)),
            List.of(online.get("timestamp"))));
  }

  /** A freeze: from now on the service serves a timestamp that expired a minute ago. */
  public synchronized void serveExpiredTimestamp() {
    long sv = versions.get("snapshot");
    signTimestamp(
        Instant.now().minus(Duration.ofMinutes(1)),
        MetadataBuilder.metaFile(sv, files.get(sv + ".snapshot.json")));
  }

  /** Serves {@code bytes} under a metadata file name instead of what the repository signed. */
  public void serveInstead(String name, byte[] bytes) {
    files.put(name, bytes);
  }

  public byte[] file(String name) {
    return files.get(name);
  }

  Optional<byte[]> get(String name) {
    return Optional.ofNullable(files.get(name));
  }

  public long version(String role) {
    return versions.getOrDefault(role, 0L);
  }
}
