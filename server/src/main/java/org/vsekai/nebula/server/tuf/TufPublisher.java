package org.vsekai.nebula.server.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsekai.nebula.api.tuf.CanonicalJson;
import org.vsekai.nebula.api.tuf.MetaFile;
import org.vsekai.nebula.api.tuf.Metadata;
import org.vsekai.nebula.api.tuf.MetadataBuilder;
import org.vsekai.nebula.api.tuf.RoleKeys;
import org.vsekai.nebula.api.tuf.TargetFile;
import org.vsekai.nebula.api.tuf.TufKey;
import org.vsekai.nebula.api.tuf.TufSigner;
import org.vsekai.nebula.schema.TufMetadataRepository;
import org.vsekai.nebula.schema.db.TufMetadataRow;

/**
 * Keeps the service's TUF metadata current: the first root on first start, then targets from the
 * catalog, snapshot over targets and timestamp over snapshot, each signed again when what it says
 * changed, when it no longer verifies under the current root (a key rotation), or when too little
 * of its life is left. Every role is signed with each key the service holds that the current root
 * lists for it; a role whose threshold the service cannot meet is offline and left to the release
 * engineer. Nothing here runs on a reader's request: readers get the stored bytes.
 */
public final class TufPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(TufPublisher.class);

  private final TufMetadataRepository repository;
  private final CatalogTargets catalogTargets;
  private final OnlineKeys onlineKeys;
  private final TufSigner rootKey;
  private final TufLifetimes lifetimes;
  private final Clock clock;

  /**
   * @param rootKey the manifest signing key: the first root's only root key, which installs that
   *     pinned it before TUF accept
   */
  public TufPublisher(
      TufMetadataRepository repository,
      CatalogTargets catalogTargets,
      OnlineKeys onlineKeys,
      TufSigner rootKey,
      TufLifetimes lifetimes,
      Clock clock) {
    this.repository = repository;
    this.catalogTargets = catalogTargets;
    this.onlineKeys = onlineKeys;
    this.rootKey = rootKey;
    this.lifetimes = lifetimes;
    this.clock = clock;
  }

  /** Signs and stores whatever is due, in one transaction; see the class comment. */
  public TufRefreshReport refresh() {
    Instant now = clock.instant();
    List<TufMetadataRow> written = repository.write(reads -> plan(reads, now));
    Map<String, Long> published = new LinkedHashMap<>();
    written.forEach(r -> published.put(r.role(), r.version()));
    if (!published.isEmpty()) {
      LOG.info("TUF metadata published: {}", published);
    }
    return new TufRefreshReport(published);
  }

  /**
   * A refresh after a release was published, withdrawn or moved between modes, so clients see it at
   * once. The change itself is committed already; if the refresh fails, the scheduled one publishes
   * it, so the caller's request still succeeds.
   */
  public void refreshAfterCatalogChange() {
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.error("TUF refresh after a catalog change failed; the scheduled refresh will retry", e);
    }
  }

  /** The {@code signed} part of the targets the service would publish next, for offline signing. */
  public ObjectNode targetsProposal() {
    Instant now = clock.instant();
    long next = repository.latest("targets").map(TufMetadataRow::version).orElse(0L) + 1;
    return MetadataBuilder.targets(
        next, now.plus(lifetimes.targets()), catalogTargets.of(repository.offeredReleases(now)));
  }

  private List<TufMetadataRow> plan(TufMetadataRepository.Reads reads, Instant now) {
    List<TufMetadataRow> out = new ArrayList<>();
    SignedMetadata root = latest(reads, "root");
    if (root == null) {
      root = add(out, firstRoot(now));
    } else if (lessLeft(root, rootPeriod(root), 1, 2, now)) {
      SignedMetadata renewed = renewedRoot(root, rootPeriod(root), now);
      if (renewed != null) {
        root = add(out, renewed);
      }
    }
    Metadata trusted = root.metadata();

    SignedMetadata targets = latest(reads, "targets");
    List<TargetFile> offered = catalogTargets.of(reads.offeredReleases(now));
    ObjectNode nextTargets =
        MetadataBuilder.targets(next(targets), now.plus(lifetimes.targets()), offered);
    if (targets == null
        || !sameTargets(targets, nextTargets)
        || lessLeft(targets, lifetimes.targets(), 1, 2, now)
        || !targets.signedUnder(trusted)) {
      targets = signIfHeld(out, trusted, "targets", nextTargets, targets);
    }
    if (targets == null) {
      return out; // offline targets the release engineer has not signed yet
    }
    SignedMetadata snapshot = latest(reads, "snapshot");
    MetaFile targetsFile = MetadataBuilder.metaFile(targets.version(), targets.bytes());
    if (snapshot == null
        || !targetsFile.equals(snapshot.metadata().meta().get("targets.json"))
        || lessLeft(snapshot, lifetimes.snapshot(), 1, 2, now)
        || !snapshot.signedUnder(trusted)) {
      ObjectNode signed =
          MetadataBuilder.snapshot(
              next(snapshot), now.plus(lifetimes.snapshot()), Map.of("targets.json", targetsFile));
      snapshot = signIfHeld(out, trusted, "snapshot", signed, snapshot);
    }
    if (snapshot == null) {
      return out;
    }

    SignedMetadata timestamp = latest(reads, "timestamp");
    MetaFile snapshotFile = MetadataBuilder.metaFile(snapshot.version(), snapshot.bytes());
    // Renewed once a quarter of the window has passed, so a client always finds one with most of
    // its window ahead, even if a refresh or two fail.
    if (timestamp == null
        || !snapshotFile.equals(timestamp.metadata().meta().get("snapshot.json"))
        || lessLeft(timestamp, lifetimes.timestamp(), 3, 4, now)
        || !timestamp.signedUnder(trusted)) {
      ObjectNode signed =
          MetadataBuilder.timestamp(next(timestamp), now.plus(lifetimes.timestamp()), snapshotFile);
      signIfHeld(out, trusted, "timestamp", signed, timestamp);
    }
    return out;
  }

  /**
   * Root version 1: the root role is the manifest signing key alone, the online roles the keys held
   * for them, each with a threshold of one; consistent snapshots, so every version of snapshot and
   * targets, and every target, has a name of its own.
   */
  private SignedMetadata firstRoot(Instant now) {
    Map<String, TufKey> keys = new LinkedHashMap<>();
    Map<String, RoleKeys> roles = new LinkedHashMap<>();
    keys.put(rootKey.keyId(), rootKey.key());
    roles.put("root", new RoleKeys(List.of(rootKey.keyId()), 1));
    for (String role : OnlineKeys.ROLES) {
      List<String> ids = new ArrayList<>();
      for (TufSigner s : onlineKeys.held(role)) {
        keys.put(s.keyId(), s.key());
        ids.add(s.keyId());
      }
      roles.put(role, new RoleKeys(ids, 1));
    }
    ObjectNode signed =
        MetadataBuilder.root(1, now.plus(lifetimes.root()), keys.values(), roles, true);
    return SignedMetadata.of("root", MetadataBuilder.sign(signed, List.of(rootKey)));
  }

  /**
   * How long the current root was made to last: the service's root lifetime, or less if whoever
   * signed it chose less (a release engineer's root that lasts a month is renewed for a month).
   */
  private Duration rootPeriod(SignedMetadata root) {
    if (root.storedAt() == null) {
      return lifetimes.root();
    }
    Duration signedFor = Duration.between(root.storedAt(), root.metadata().expires());
    return signedFor.compareTo(lifetimes.root()) < 0 && !signedFor.isNegative()
        ? signedFor
        : lifetimes.root();
  }

  /**
   * The same root, once half its period has passed, lasting that period again from now, while the
   * service still holds a threshold of its root keys (the first root's): without it, a service
   * nobody rotated would stop every client after a year.
   */
  private SignedMetadata renewedRoot(SignedMetadata root, Duration period, Instant now) {
    List<TufSigner> signers = signers(root.metadata(), "root");
    if (signers.isEmpty()) {
      LOG.warn(
          "TUF root version {} expires {}; its keys are offline, so a release engineer must sign"
              + " the next root",
          root.version(),
          root.metadata().expires());
      return null;
    }
    ObjectNode signed = (ObjectNode) root.metadata().signed();
    signed.put("version", root.version() + 1);
    // TUF's form: whole seconds, UTC, "Z" (Instant prints no fraction when there is none).
    signed.put("expires", now.plus(period).truncatedTo(ChronoUnit.SECONDS).toString());
    return SignedMetadata.of("root", MetadataBuilder.sign(signed, signers));
  }

  private SignedMetadata signIfHeld(
      List<TufMetadataRow> out,
      Metadata root,
      String role,
      ObjectNode signed,
      SignedMetadata current) {
    List<TufSigner> signers = signers(root, role);
    if (signers.isEmpty()) {
      LOG.warn(
          "TUF {} is due for a new version but the service holds none of the keys root version {}"
              + " gives it; a release engineer must sign it",
          role,
          root.version());
      return current;
    }
    return add(out, SignedMetadata.of(role, MetadataBuilder.sign(signed, signers)));
  }

  /**
   * The held keys the root lists for {@code role} (the same public key under the same id), or none
   * when they fall short of its threshold: metadata they signed would be refused anyway.
   */
  List<TufSigner> signers(Metadata root, String role) {
    List<TufSigner> held = role.equals("root") ? List.of(rootKey) : onlineKeys.held(role);
    RoleKeys listed = root.roleKeys(role);
    Map<String, TufKey> keys = root.keys();
    List<TufSigner> usable = new ArrayList<>();
    for (TufSigner s : held) {
      TufKey named = keys.get(s.keyId());
      if (listed.keyids().contains(s.keyId())
          && named != null
          && s.key().publicKey().equals(named.publicKey())) {
        usable.add(s);
      }
    }
    return usable.size() >= listed.threshold() ? usable : List.of();
  }

  private static SignedMetadata latest(TufMetadataRepository.Reads reads, String role) {
    return reads.latest(role).map(SignedMetadata::of).orElse(null);
  }

  private static SignedMetadata add(List<TufMetadataRow> out, SignedMetadata m) {
    out.add(m.row());
    return m;
  }

  private static long next(SignedMetadata current) {
    return current == null ? 1 : current.version() + 1;
  }

  /** Whether less than {@code num/den} of {@code lifetime} is left before {@code m} expires. */
  private static boolean lessLeft(
      SignedMetadata m, Duration lifetime, int num, int den, Instant now) {
    Duration left = Duration.between(now, m.metadata().expires());
    return left.compareTo(lifetime.multipliedBy(num).dividedBy(den)) < 0;
  }

  // Compared as canonical JSON: the stored file's numbers parse as ints, the new ones are longs.
  private static boolean sameTargets(SignedMetadata current, ObjectNode next) {
    JsonNode stored = current.metadata().signed().get("targets");
    return stored != null
        && Arrays.equals(CanonicalJson.encode(stored), CanonicalJson.encode(next.get("targets")));
  }
}
