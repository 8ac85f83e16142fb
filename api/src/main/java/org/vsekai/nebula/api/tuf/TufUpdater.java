package org.vsekai.nebula.api.tuf;

import java.io.IOException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vsekai.nebula.api.tuf.TufRefusal.Reason;

/**
 * The TUF client workflow (specification 1.0.x, section 5 "Detailed client workflow") over one
 * repository: {@link #refresh} brings the trusted root, timestamp, snapshot and targets up to date
 * or refuses by name, and {@link #download} returns a target's bytes only when they match the
 * trusted targets metadata. Each method's comments name the section it follows.
 *
 * <p>One deviation, on purpose: the specification persists timestamp, snapshot and targets each as
 * it is verified; here they are written only when the whole refresh succeeded, so a refusal leaves
 * the install's trusted metadata exactly as it was. The trusted state still only moves forward,
 * which is what the rollback checks rest on. A new root is persisted at once (5.3.8): it is the
 * repository's own decision, whatever an attacker serves after it.
 */
public final class TufUpdater {
  /** How many root versions one refresh follows (5.3.3 leaves the bound to the client). */
  static final int MAX_ROOT_ROTATIONS = 256;

  /** Default upper lengths, as python-tuf's ngclient has them, for files nothing else bounds. */
  static final long ROOT_MAX = 512_000;

  static final long TIMESTAMP_MAX = 16_384;
  static final long SNAPSHOT_MAX = 2_000_000;
  static final long TARGETS_MAX = 5_000_000;

  private final MetadataSource source;
  private final MetadataSource targetSource;
  private final TrustedMetadataStore store;
  private final Clock clock;

  private Metadata root;
  private Metadata timestamp;
  private Metadata snapshot;
  private Metadata targets;
  private final Map<String, byte[]> verified = new LinkedHashMap<>();
  private boolean dropTimestampAndSnapshot;

  public TufUpdater(MetadataSource source, TrustedMetadataStore store, Clock clock) {
    this(source, source, store, clock);
  }

  /** Metadata from {@code source}, target files from {@code targetSource}. */
  public TufUpdater(
      MetadataSource source, MetadataSource targetSource, TrustedMetadataStore store, Clock clock) {
    this.source = source;
    this.targetSource = targetSource;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Migration from a single pinned key: trusts the repository's first root if, and only if, the key
   * an install pinned before TUF signed it and it meets its own root threshold. The install then
   * follows the root chain from there like any other.
   */
  public static void trustFirstRootSignedBy(
      PublicKey pinned, MetadataSource source, TrustedMetadataStore store) throws IOException {
    if (store.read("root").isPresent()) {
      return;
    }
    byte[] bytes =
        source
            .fetch("1.root.json", ROOT_MAX)
            .orElseThrow(() -> new IOException("the repository has no 1.root.json"));
    Metadata first = parseRoot(bytes);
    TufKey key = TufKey.of(pinned);
    first.requireThreshold(Map.of(key.keyId(), key), new RoleKeys(List.of(key.keyId()), 1), "pin");
    first.requireThreshold(first.keys(), first.roleKeys("root"), "root");
    if (first.version() != 1) {
      throw new TufRefusal(Reason.VERSION_MISMATCH, "1.root.json is version " + first.version());
    }
    store.write("root", bytes);
  }

  /**
   * 5.3.4-5.3.5: {@code bytes} as root N+1 of {@code trusted}, signed by a threshold of the trusted
   * root's root keys and a threshold of its own, and of exactly the next version. The service
   * checks an uploaded root with this too.
   */
  public static Metadata verifiedSuccessor(Metadata trusted, byte[] bytes) {
    long next = trusted.version() + 1;
    Metadata candidate = parseRoot(bytes);
    candidate.requireThreshold(trusted.keys(), trusted.roleKeys("root"), "root (trusted)");
    candidate.requireThreshold(candidate.keys(), candidate.roleKeys("root"), "root (new)");
    if (candidate.version() != next) {
      throw new TufRefusal(
          candidate.version() < next ? Reason.ROLLBACK : Reason.VERSION_MISMATCH,
          "root version "
              + candidate.version()
              + " does not follow version "
              + trusted.version()
              + "; the next root is version "
              + next);
    }
    return candidate;
  }

  /** Trusts {@code rootBytes}, shipped with the install, as the first root. */
  public static void trustRoot(byte[] rootBytes, TrustedMetadataStore store) {
    Metadata r = parseRoot(rootBytes);
    r.requireThreshold(r.keys(), r.roleKeys("root"), "root");
    store.write("root", rootBytes);
  }

  /** 5.1-5.6: the whole refresh. Afterwards {@link #targets()} is current and verified. */
  public void refresh() throws IOException {
    Instant now = clock.instant(); // 5.1: one reference time for the whole refresh
    verified.clear();
    dropTimestampAndSnapshot = false;
    loadTrustedRoot();
    updateRoot(now);
    loadTrustedRest();
    updateTimestamp(now);
    updateSnapshot(now);
    updateTargets(now);
    if (dropTimestampAndSnapshot) {
      store.delete("timestamp");
      store.delete("snapshot");
    }
    verified.forEach(store::write);
  }

  public Metadata root() {
    return root;
  }

  /** The trusted targets metadata, after a {@link #refresh}. */
  public Metadata targets() {
    if (targets == null) {
      throw new IllegalStateException("refresh first");
    }
    return targets;
  }

  /** 5.7: a target the trusted targets metadata lists, or empty. */
  public Optional<TargetFile> target(String path) {
    return Optional.ofNullable(targets().targets().get(path));
  }

  /**
   * 5.7.3: the target's bytes, read at most to its signed length and refused unless its length and
   * hashes match. With consistent snapshots the file is asked for under its hash-prefixed name.
   */
  public byte[] download(TargetFile target) throws IOException {
    String name = targetName(target);
    byte[] data =
        targetSource
            .fetch(name, target.length())
            .orElseThrow(() -> new IOException("the repository has no target " + target.path()));
    target.check(data);
    return data;
  }

  /**
   * The name a target is fetched under, relative to the targets' base: with consistent snapshots,
   * its hash before the file name.
   */
  public String targetName(TargetFile target) {
    String name = target.path();
    if (root.consistentSnapshot()) {
      int slash = name.lastIndexOf('/');
      String hash = target.hashes().values().iterator().next();
      name = name.substring(0, slash + 1) + hash + "." + name.substring(slash + 1);
    }
    return name;
  }

  // 5.2: the trusted root must verify against itself.
  private void loadTrustedRoot() {
    byte[] bytes =
        store
            .read("root")
            .orElseThrow(() -> new IllegalStateException("no trusted root in " + store.dir()));
    root = parseRoot(bytes);
    root.requireThreshold(root.keys(), root.roleKeys("root"), "root");
  }

  // 5.3: follow the chain N+1, N+2, ... each signed by a threshold of the old and the new root.
  private void updateRoot(Instant now) throws IOException {
    Metadata original = root;
    for (int i = 0; i < MAX_ROOT_ROTATIONS; i++) {
      long next = root.version() + 1;
      Optional<byte[]> bytes = source.fetch(next + ".root.json", ROOT_MAX);
      if (bytes.isEmpty()) {
        break;
      }
      requireLength(bytes.get(), ROOT_MAX, next + ".root.json");
      root = verifiedSuccessor(root, bytes.get()); // 5.3.4-5.3.7
      store.write("root", bytes.get()); // 5.3.8
    }
    if (root.expiredAt(now)) { // 5.3.10
      throw new TufRefusal(
          Reason.EXPIRED, "root metadata version " + root.version() + " expired " + root.expires());
    }
    // 5.3.11: after a timestamp or snapshot key rotation, drop what those keys vouched for, so a
    // version pushed high by a compromised key cannot block the new key's metadata forever.
    dropTimestampAndSnapshot =
        !sameKeys(original, root, "timestamp") || !sameKeys(original, root, "snapshot");
  }

  private static boolean sameKeys(Metadata a, Metadata b, String role) {
    RoleKeys ra = a.roleKeys(role);
    RoleKeys rb = b.roleKeys(role);
    if (!ra.keyids().equals(rb.keyids()) || ra.threshold() != rb.threshold()) {
      return false;
    }
    for (String id : ra.keyids()) {
      if (!Objects.equals(a.keys().get(id), b.keys().get(id))) {
        return false;
      }
    }
    return true;
  }

  // Trusted metadata that no longer verifies under the current root is set aside, not trusted.
  private void loadTrustedRest() {
    timestamp = dropTimestampAndSnapshot ? null : trusted("timestamp");
    snapshot = dropTimestampAndSnapshot ? null : trusted("snapshot");
    targets = trusted("targets");
  }

  private Metadata trusted(String role) {
    Optional<byte[]> bytes = store.read(role);
    if (bytes.isEmpty()) {
      return null;
    }
    try {
      Metadata m = Metadata.parse(bytes.get(), role);
      m.requireThreshold(root.keys(), root.roleKeys(role), role);
      return m;
    } catch (TufRefusal e) {
      return null;
    }
  }

  // 5.4: timestamp.json, never rolled back, not expired.
  private void updateTimestamp(Instant now) throws IOException {
    byte[] bytes = fetchRequired("timestamp.json", TIMESTAMP_MAX);
    Metadata fresh = Metadata.parse(bytes, "timestamp");
    fresh.requireThreshold(root.keys(), root.roleKeys("timestamp"), "timestamp"); // 5.4.2
    MetaFile freshSnapshot = snapshotMeta(fresh);
    if (timestamp != null) {
      if (fresh.version() < timestamp.version()) { // 5.4.3.1
        throw new TufRefusal(
            Reason.ROLLBACK,
            "timestamp version "
                + fresh.version()
                + " is older than trusted "
                + timestamp.version());
      }
      if (freshSnapshot.version() < snapshotMeta(timestamp).version()) { // 5.4.3.2
        throw new TufRefusal(
            Reason.ROLLBACK,
            "timestamp names snapshot version "
                + freshSnapshot.version()
                + ", older than trusted "
                + snapshotMeta(timestamp).version());
      }
    }
    Metadata current =
        timestamp != null && fresh.version() == timestamp.version() ? timestamp : fresh;
    if (current.expiredAt(now)) { // 5.4.4: a freeze serves old, expired timestamps
      throw new TufRefusal(
          Reason.EXPIRED,
          "timestamp version " + current.version() + " expired " + current.expires());
    }
    if (current == fresh) {
      verified.put("timestamp", bytes); // 5.4.5
      timestamp = fresh;
    }
  }

  private static MetaFile snapshotMeta(Metadata timestamp) {
    MetaFile m = timestamp.meta().get("snapshot.json");
    if (m == null) {
      throw new TufRefusal(Reason.MALFORMED, "timestamp does not name snapshot.json");
    }
    return m;
  }

  // 5.5: snapshot.json, exactly the version, length and hash the timestamp names.
  private void updateSnapshot(Instant now) throws IOException {
    MetaFile expected = snapshotMeta(timestamp);
    if (snapshot != null && snapshot.version() == expected.version() && !snapshot.expiredAt(now)) {
      return; // the trusted snapshot is the one named: nothing to fetch
    }
    String name =
        root.consistentSnapshot() ? expected.version() + ".snapshot.json" : "snapshot.json";
    byte[] bytes = fetchRequired(name, expected.length().orElse(SNAPSHOT_MAX));
    checkAgainst(bytes, expected, "snapshot"); // 5.5.2
    Metadata fresh = Metadata.parse(bytes, "snapshot");
    fresh.requireThreshold(root.keys(), root.roleKeys("snapshot"), "snapshot"); // 5.5.3
    if (fresh.version() != expected.version()) { // 5.5.4
      throw new TufRefusal(
          Reason.VERSION_MISMATCH,
          "snapshot is version " + fresh.version() + ", timestamp names " + expected.version());
    }
    Map<String, MetaFile> freshMeta = fresh.meta();
    if (snapshot != null) { // 5.5.5: no targets role disappears or goes back
      for (Map.Entry<String, MetaFile> old : snapshot.meta().entrySet()) {
        MetaFile now2 = freshMeta.get(old.getKey());
        if (now2 == null) {
          throw new TufRefusal(Reason.ROLLBACK, "snapshot no longer names " + old.getKey());
        }
        if (now2.version() < old.getValue().version()) {
          throw new TufRefusal(
              Reason.ROLLBACK,
              "snapshot names "
                  + old.getKey()
                  + " version "
                  + now2.version()
                  + ", older than trusted "
                  + old.getValue().version());
        }
      }
    }
    if (fresh.expiredAt(now)) { // 5.5.6
      throw new TufRefusal(
          Reason.EXPIRED, "snapshot version " + fresh.version() + " expired " + fresh.expires());
    }
    verified.put("snapshot", bytes); // 5.5.7
    snapshot = fresh;
  }

  // 5.6: targets.json, exactly the version, length and hash the snapshot names.
  private void updateTargets(Instant now) throws IOException {
    MetaFile expected = snapshot.meta().get("targets.json");
    if (expected == null) {
      throw new TufRefusal(Reason.MALFORMED, "snapshot does not name targets.json");
    }
    if (targets != null && targets.version() == expected.version()) {
      if (targets.expiredAt(now)) {
        throw new TufRefusal(
            Reason.EXPIRED,
            "targets version " + targets.version() + " expired " + targets.expires());
      }
      return;
    }
    String name = root.consistentSnapshot() ? expected.version() + ".targets.json" : "targets.json";
    byte[] bytes = fetchRequired(name, expected.length().orElse(TARGETS_MAX));
    checkAgainst(bytes, expected, "targets"); // 5.6.2
    Metadata fresh = Metadata.parse(bytes, "targets");
    fresh.requireThreshold(root.keys(), root.roleKeys("targets"), "targets"); // 5.6.3
    if (fresh.version() != expected.version()) { // 5.6.4
      throw new TufRefusal(
          Reason.VERSION_MISMATCH,
          "targets is version " + fresh.version() + ", snapshot names " + expected.version());
    }
    if (fresh.expiredAt(now)) { // 5.6.5
      throw new TufRefusal(
          Reason.EXPIRED, "targets version " + fresh.version() + " expired " + fresh.expires());
    }
    fresh.targets(); // every entry well formed before it is trusted
    verified.put("targets", bytes); // 5.6.6
    targets = fresh;
  }

  private byte[] fetchRequired(String name, long maxLength) throws IOException {
    byte[] bytes =
        source
            .fetch(name, maxLength)
            .orElseThrow(() -> new IOException("the repository has no " + name));
    requireLength(bytes, maxLength, name);
    return bytes;
  }

  private static void requireLength(byte[] bytes, long max, String name) {
    if (bytes.length > max) {
      throw new TufRefusal(
          Reason.TOO_LONG, name + " is longer than the " + max + " bytes it may have");
    }
  }

  private static void checkAgainst(byte[] bytes, MetaFile expected, String role) {
    if (expected.length().isPresent() && bytes.length != expected.length().getAsLong()) {
      throw new TufRefusal(
          Reason.HASH_MISMATCH,
          role
              + " is "
              + bytes.length
              + " bytes, not the "
              + expected.length().getAsLong()
              + " recorded");
    }
    Hashes.check(bytes, expected.hashes(), role + " metadata");
  }

  private static Metadata parseRoot(byte[] bytes) {
    Metadata r = Metadata.parse(bytes, "root");
    r.keys();
    for (String role : List.of("root", "targets", "snapshot", "timestamp")) {
      r.roleKeys(role);
    }
    return r;
  }
}
