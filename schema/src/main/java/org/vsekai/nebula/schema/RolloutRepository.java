package org.vsekai.nebula.schema;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.schema.db.NamedRow;
import org.vsekai.nebula.schema.db.RolloutCandidateRow;
import org.vsekai.nebula.schema.db.RolloutDao;
import org.vsekai.nebula.schema.db.RolloutRow;
import org.vsekai.nebula.schema.db.RolloutTargetRow;
import org.vsekai.nebula.schema.db.RolloutWaveRow;
import org.vsekai.nebula.schema.db.VersionRow;
import org.vsekai.nebula.schema.db.WaveTallyRow;

/**
 * Staged rollouts: the rollout and its waves, each one's state over time, and the installs each
 * wave reached. The rollout workflow writes them through the service's activities; every write is
 * idempotent, because an activity may run twice. A wave's results are never copied: they are
 * counted from the update-process tables, where each update records how it ended.
 */
public final class RolloutRepository implements RolloutRecords {
  public static final String RUNNING = "Running";
  public static final String PAUSED = "Paused";
  public static final Set<String> ENDED = Set.of("Halted", "Aborted", "Completed");
  private static final Set<String> STATES =
      Set.of(RUNNING, PAUSED, "Halted", "Aborted", "Completed");

  public static final String WAVE_PENDING = "Pending";
  public static final String WAVE_SKIPPED = "Skipped";
  private static final Set<String> WAVE_ENDED = Set.of("Succeeded", "Halted", WAVE_SKIPPED);
  private static final Set<String> WAVE_STATES =
      Set.of(WAVE_PENDING, "Running", "Succeeded", "Halted", WAVE_SKIPPED);

  private final SerializableTransactions tx;
  private final Clock clock;

  public RolloutRepository(SerializableTransactions tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  private Instant now() {
    return StoredInstants.now(clock);
  }

  /**
   * Records a rollout Running with its waves Pending, or returns the one recorded under this id.
   *
   * @throws RecordNotFoundException the product, version or mode does not exist
   * @throws RecordConflictException the id is taken by a different rollout, or the mode is not
   *     valid now
   */
  public Created<Rollout> open(NewRollout r) {
    return tx.inTransaction(
        h -> {
          RolloutDao rollouts = h.attach(RolloutDao.class);
          Instant now = now();
          VersionRow version = CatalogLookups.version(h, r.product(), r.version());
          Optional<RolloutRow> existing = rollouts.find(r.id());
          if (existing.isPresent()) {
            RolloutRow row = existing.get();
            if (!row.versionId().equals(version.id()) || !row.mode().equals(r.mode())) {
              throw new RecordConflictException(
                  "rollout "
                      + r.id()
                      + " exists for "
                      + row.product()
                      + " "
                      + row.version()
                      + " to "
                      + row.mode());
            }
            return new Created<>(info(h, row, true), false);
          }
          NamedRow mode = CatalogLookups.validMode(h, r.mode(), now);
          rollouts.insert(r.id(), version.id(), mode.id(), r.maxFailureRate(), r.workflowId());
          rollouts.insertState(r.id(), RUNNING, null, now);
          for (int i = 0; i < r.wavePercents().size(); i++) {
            UUID wave =
                rollouts.insertWave(r.id(), i, r.wavePercents().get(i), r.waveDeadlineSeconds());
            rollouts.insertWaveState(wave, WAVE_PENDING, 0, 0, 0, null, now);
          }
          return new Created<>(info(h, rollouts.find(r.id()).orElseThrow(), true), true);
        });
  }

  /**
   * Checks that a rollout of {@code version} to {@code mode} could be opened now, without recording
   * anything (a schedule's future runs).
   *
   * @throws RecordNotFoundException the product, version or mode does not exist
   * @throws RecordConflictException the mode is not valid now
   */
  public void requireRolloutable(String product, SemVer version, String mode) {
    tx.inReadOnlyTransaction(
        h -> {
          CatalogLookups.version(h, product, version);
          return CatalogLookups.validMode(h, mode, now());
        });
  }

  /**
   * Moves the rollout to {@code state}; an ending state also skips the waves still Pending. Returns
   * false when it was in that state already.
   *
   * @throws RecordConflictException the rollout has ended in another state
   */
  public boolean recordState(UUID rolloutId, String state, String reason) {
    if (!STATES.contains(state)) {
      throw new IllegalArgumentException("no rollout state '" + state + "'");
    }
    return tx.inTransaction(
        h -> {
          RolloutDao rollouts = h.attach(RolloutDao.class);
          RolloutRow row = rollout(h, rolloutId);
          if (state.equals(row.state())) {
            return false;
          }
          if (ENDED.contains(row.state())) {
            throw new RecordConflictException(
                "rollout "
                    + rolloutId
                    + " has ended "
                    + row.state()
                    + "; it cannot become "
                    + state);
          }
          Instant now = now();
          rollouts.closeState(rolloutId, now);
          rollouts.insertState(rolloutId, state, reason, now);
          if (ENDED.contains(state)) {
            for (RolloutWaveRow wave : rollouts.waves(rolloutId)) {
              if (WAVE_PENDING.equals(wave.state())) {
                rollouts.closeWaveState(wave.id(), now);
                rollouts.insertWaveState(
                    wave.id(), WAVE_SKIPPED, 0, 0, 0, "the rollout ended before this wave", now);
              }
            }
          }
          return true;
        });
  }

  /**
   * Moves a wave to {@code state} with the counts it reached; returns false when it was there
   * already with the same counts and reason.
   *
   * @throws RecordConflictException the wave has ended in another state
   */
  public boolean recordWaveState(
      UUID rolloutId,
      int waveIndex,
      String state,
      long targeted,
      long succeeded,
      long failed,
      String reason) {
    if (!WAVE_STATES.contains(state)) {
      throw new IllegalArgumentException("no wave state '" + state + "'");
    }
    return tx.inTransaction(
        h -> {
          RolloutDao rollouts = h.attach(RolloutDao.class);
          RolloutWaveRow wave = wave(h, rolloutId, waveIndex);
          boolean same =
              state.equals(wave.state())
                  && targeted == wave.installsTargeted()
                  && succeeded == wave.installsSucceeded()
                  && failed == wave.installsFailed()
                  && Objects.equals(reason, wave.reason());
          if (same) {
            return false;
          }
          if (WAVE_ENDED.contains(wave.state())) {
            if (state.equals(wave.state())) {
              return false;
            }
            throw new RecordConflictException(
                "wave "
                    + (waveIndex + 1)
                    + " of rollout "
                    + rolloutId
                    + " has ended "
                    + wave.state()
                    + "; it cannot become "
                    + state);
          }
          Instant now = now();
          rollouts.closeWaveState(wave.id(), now);
          rollouts.insertWaveState(wave.id(), state, targeted, succeeded, failed, reason, now);
          return true;
        });
  }

  /**
   * A page of the installs that follow the rollout's mode now and that the rollout has not reached
   * yet, in id order after {@code afterInstallId} (null: from the start).
   */
  public List<RolloutCandidateRow> candidates(UUID rolloutId, UUID afterInstallId, int limit) {
    return tx.inReadOnlyTransaction(
        h -> {
          RolloutRow row = rollout(h, rolloutId);
          return h.attach(RolloutDao.class)
              .candidates(
                  rolloutId,
                  row.productId(),
                  row.modeId(),
                  now(),
                  afterInstallId == null ? new UUID(0, 0) : afterInstallId,
                  limit);
        });
  }

  /** Records installs a wave reached; those the rollout already reached are left as they were. */
  public void addTargets(UUID rolloutId, int waveIndex, List<RolloutTargetRow> targets) {
    if (targets.isEmpty()) {
      return;
    }
    tx.useTransaction(
        h ->
            h.attach(RolloutDao.class)
                .insertTargets(wave(h, rolloutId, waveIndex).id(), rolloutId, targets, now()));
  }

  /** How the wave's updates stand now. */
  public WaveTally tally(UUID rolloutId, int waveIndex) {
    return tx.inReadOnlyTransaction(
        h -> {
          RolloutDao rollouts = h.attach(RolloutDao.class);
          UUID waveId = wave(h, rolloutId, waveIndex).id();
          WaveTallyRow t = rollouts.tally(waveId);
          String firstFailure = t.failed() == 0 ? null : rollouts.firstFailure(waveId).orElse(null);
          return new WaveTally(
              t.targeted(), t.succeeded(), t.failed(), t.cancelled(), firstFailure);
        });
  }

  @Override
  public Rollout find(UUID rolloutId) {
    return tx.inReadOnlyTransaction(h -> info(h, rollout(h, rolloutId), true));
  }

  @Override
  public Listing<Rollout> list(String cursor, int limit) {
    PageCursors.Keyset after = PageCursors.decodeKeyset(cursor);
    return tx.inReadOnlyTransaction(
        h -> {
          List<RolloutRow> rows =
              h.attach(RolloutDao.class).page(after.at(), after.id(), limit + 1);
          return Listing.of(
              rows,
              limit,
              r -> PageCursors.encode(new PageCursors.Keyset(r.createdAt(), r.id())),
              r -> info(h, r, false));
        });
  }

  private static RolloutRow rollout(Handle h, UUID rolloutId) {
    return h.attach(RolloutDao.class)
        .find(rolloutId)
        .orElseThrow(() -> new RecordNotFoundException("rollout " + rolloutId + " does not exist"));
  }

  private static RolloutWaveRow wave(Handle h, UUID rolloutId, int waveIndex) {
    rollout(h, rolloutId);
    return h.attach(RolloutDao.class).waves(rolloutId).stream()
        .filter(w -> w.waveIndex() == waveIndex)
        .findFirst()
        .orElseThrow(
            () ->
                new RecordNotFoundException(
                    "rollout " + rolloutId + " has no wave " + (waveIndex + 1)));
  }

  private static Rollout info(Handle h, RolloutRow row, boolean liveCounts) {
    RolloutDao rollouts = h.attach(RolloutDao.class);
    List<Rollout.Wave> waves =
        rollouts.waves(row.id()).stream()
            .map(
                w -> {
                  WaveTallyRow t =
                      liveCounts
                          ? rollouts.tally(w.id())
                          : new WaveTallyRow(
                              w.installsTargeted(), w.installsSucceeded(), w.installsFailed(), 0);
                  return new Rollout.Wave(
                      w.waveIndex(),
                      w.percent(),
                      w.deadlineSeconds(),
                      w.state(),
                      w.reason(),
                      w.validFrom(),
                      t.targeted(),
                      t.succeeded(),
                      t.failed(),
                      t.cancelled());
                })
            .toList();
    List<Rollout.StatePeriod> states =
        rollouts.states(row.id()).stream()
            .map(s -> new Rollout.StatePeriod(s.state(), s.reason(), s.validFrom(), s.validTo()))
            .toList();
    return new Rollout(
        row.id(),
        row.product(),
        row.version(),
        row.mode(),
        row.maxFailureRate(),
        row.workflowId(),
        row.createdAt(),
        row.state(),
        row.reason(),
        waves,
        states);
  }
}
