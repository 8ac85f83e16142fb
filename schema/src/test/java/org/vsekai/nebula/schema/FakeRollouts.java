package org.vsekai.nebula.schema;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Rollouts in memory, as {@link RolloutRepository#open} records them, for tests of the resources
 * that read them. {@code RolloutRecordsContract} holds it to the database's contract.
 */
public final class FakeRollouts implements RolloutRecords {
  private final FakeCatalog catalog;
  private final Clock clock;
  private final Map<UUID, Rollout> rollouts = new LinkedHashMap<>();

  public FakeRollouts(FakeCatalog catalog, Clock clock) {
    this.catalog = catalog;
    this.clock = clock;
  }

  /** As {@link RolloutRepository#open}: Running, its waves Pending; the same id twice is one. */
  public synchronized Created<Rollout> open(NewRollout r) {
    Instant now = StoredInstants.now(clock);
    catalog.requireVersion(r.product(), r.version());
    Rollout existing = rollouts.get(r.id());
    if (existing != null) {
      if (!existing.version().equals(r.version()) || !existing.mode().equals(r.mode())) {
        throw new RecordConflictException(
            "rollout "
                + r.id()
                + " exists for "
                + existing.product()
                + " "
                + existing.version()
                + " to "
                + existing.mode());
      }
      return new Created<>(existing, false);
    }
    catalog.requireValidMode(r.mode(), now);
    List<Rollout.Wave> waves =
        IntStream.range(0, r.wavePercents().size())
            .mapToObj(
                i ->
                    new Rollout.Wave(
                        i,
                        r.wavePercents().get(i),
                        r.waveDeadlineSeconds(),
                        "Pending",
                        null,
                        now,
                        0,
                        0,
                        0,
                        0))
            .toList();
    Rollout opened =
        new Rollout(
            r.id(),
            r.product(),
            r.version(),
            r.mode(),
            r.maxFailureRate(),
            r.workflowId(),
            now,
            "Running",
            null,
            waves,
            List.of(new Rollout.StatePeriod("Running", null, now, null)));
    rollouts.put(r.id(), opened);
    return new Created<>(opened, true);
  }

  @Override
  public synchronized Rollout find(UUID rolloutId) {
    Rollout r = rollouts.get(rolloutId);
    if (r == null) {
      throw new RecordNotFoundException("rollout " + rolloutId + " does not exist");
    }
    return r;
  }

  @Override
  public synchronized Listing<Rollout> list(String cursor, int limit) {
    return NewestFirstPages.page(
        rollouts.values().stream(), Rollout::createdAt, Rollout::id, cursor, limit, r -> r);
  }
}
