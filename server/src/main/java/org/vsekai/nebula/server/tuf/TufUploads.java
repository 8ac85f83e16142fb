package org.vsekai.nebula.server.tuf;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.vsekai.nebula.api.tuf.Metadata;
import org.vsekai.nebula.api.tuf.RoleKeys;
import org.vsekai.nebula.api.tuf.TufRefusal;
import org.vsekai.nebula.api.tuf.TufUpdater;
import org.vsekai.nebula.schema.TufMetadataRepository;
import org.vsekai.nebula.schema.db.TufMetadataRow;
import org.vsekai.nebula.server.core.InvalidRequestException;

/**
 * Metadata a release engineer signed on a machine of their own: the next root (a key rotation) and,
 * when the targets key is offline, the next targets. Each is checked as a client would check it
 * before anything is stored, and stored in the transaction that read the version it follows, so two
 * uploads of the same next version cannot both win.
 */
public final class TufUploads {
  private final TufMetadataRepository repository;
  private final TufPublisher publisher;
  private final Clock clock;

  public TufUploads(TufMetadataRepository repository, TufPublisher publisher, Clock clock) {
    this.repository = repository;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * Stores root N+1 if a threshold of root N's root keys and a threshold of its own signed it
   * (specification 5.3.4), then signs the online roles under it.
   */
  public TufAccepted acceptRoot(byte[] body) {
    requireBody(body);
    Instant now = clock.instant();
    TufMetadataRow stored =
        repository
            .write(
                reads -> {
                  Metadata current = current(reads, "root");
                  Metadata next =
                      refusedAsBadRequest(() -> TufUpdater.verifiedSuccessor(current, body));
                  requireNext(next, current.version(), now);
                  if (!next.consistentSnapshot()) {
                    throw new InvalidRequestException(
                        "the service serves consistent snapshots only; set consistent_snapshot");
                  }
                  requireSatisfiable(next);
                  requireOnlineKeysHeld(next);
                  return List.of(new TufMetadataRow("root", next.version(), body));
                })
            .get(0);
    return new TufAccepted("root", stored.version(), publisher.refresh().published());
  }

  /**
   * Stores targets N+1 if a threshold of the current root's targets keys signed it, then signs
   * snapshot and timestamp over it.
   */
  public TufAccepted acceptTargets(byte[] body) {
    requireBody(body);
    Instant now = clock.instant();
    TufMetadataRow stored =
        repository
            .write(
                reads -> {
                  Metadata root = current(reads, "root");
                  Metadata next =
                      refusedAsBadRequest(
                          () -> {
                            Metadata m = Metadata.parse(body, "targets");
                            m.targets();
                            m.requireThreshold(root.keys(), root.roleKeys("targets"), "targets");
                            return m;
                          });
                  long current = reads.latest("targets").map(TufMetadataRow::version).orElse(0L);
                  requireNext(next, current, now);
                  return List.of(new TufMetadataRow("targets", next.version(), body));
                })
            .get(0);
    return new TufAccepted("targets", stored.version(), publisher.refresh().published());
  }

  /** A role that names fewer keys than its threshold could never sign again. */
  private static void requireSatisfiable(Metadata root) {
    for (String role : List.of("root", "targets", "snapshot", "timestamp")) {
      RoleKeys keys = root.roleKeys(role);
      long known = keys.keyids().stream().filter(root.keys()::containsKey).count();
      if (known < keys.threshold()) {
        throw new InvalidRequestException(
            "root version "
                + root.version()
                + " gives "
                + role
                + " a threshold of "
                + keys.threshold()
                + " but only "
                + known
                + " of its keys");
      }
    }
  }

  /**
   * Timestamp and snapshot are signed by the service alone, so a root that names none of its keys
   * for them would freeze every client within a freshness window.
   */
  private void requireOnlineKeysHeld(Metadata root) {
    for (String role : List.of("timestamp", "snapshot")) {
      if (publisher.signers(root, role).isEmpty()) {
        throw new InvalidRequestException(
            "the service holds no "
                + role
                + " key root version "
                + root.version()
                + " names; make one with POST /api/v1/tuf/online-keys/"
                + role
                + " and name it");
      }
    }
  }

  private static Metadata current(TufMetadataRepository.Reads reads, String role) {
    return reads
        .latest(role)
        .map(r -> Metadata.parse(r.body(), role))
        .orElseThrow(() -> new IllegalStateException("the service has no TUF " + role + " yet"));
  }

  private static void requireNext(Metadata next, long current, Instant now) {
    if (next.version() != current + 1) {
      throw new InvalidRequestException(
          next.role()
              + " version "
              + next.version()
              + " does not follow the current version "
              + current
              + "; upload version "
              + (current + 1));
    }
    if (next.expiredAt(now)) {
      throw new InvalidRequestException(
          next.role() + " version " + next.version() + " expired " + next.expires());
    }
  }

  private static void requireBody(byte[] body) {
    if (body == null || body.length == 0) {
      throw new InvalidRequestException("the request body is missing");
    }
  }

  private static Metadata refusedAsBadRequest(Supplier<Metadata> check) {
    try {
      return check.get();
    } catch (TufRefusal | IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
  }
}
