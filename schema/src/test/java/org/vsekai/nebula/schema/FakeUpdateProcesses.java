package org.vsekai.nebula.schema;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.UpdateState;
import org.vsekai.nebula.schema.db.CacheHistoryRow;

/**
 * Update processes in memory, over {@link FakeInstalls} and {@link FakeCatalog}, for tests of the
 * resources above them. {@code UpdateProcessesContract} holds it to the database's contract.
 */
public final class FakeUpdateProcesses implements UpdateProcessRepository {
  private final FakeCatalog catalog;
  private final FakeInstalls installs;
  private final Clock clock;
  private final Map<UUID, Process> processes = new HashMap<>();
  private final Map<UUID, List<CacheHistoryRow>> caches = new HashMap<>();

  public FakeUpdateProcesses(FakeCatalog catalog, FakeInstalls installs, Clock clock) {
    this.catalog = catalog;
    this.installs = installs;
    this.clock = clock;
  }

  private record State(UpdateState state, String detail, Instant from) {}

  private static final class Process {
    final UUID id;
    final UUID installId;
    final String product;
    final String fromVersion;
    final String toVersion;
    final String manifestFileAndVersion;
    final List<String> filesForUpdate;
    final Map<String, String> registryValues;
    final Instant validFrom;
    Instant validTo;
    final List<State> states = new ArrayList<>();

    Process(
        UpdateProcessReport r, String product, String fromVersion, String toVersion, Instant at) {
      this.id = r.updateProcessId();
      this.installId = r.installId();
      this.product = product;
      this.fromVersion = fromVersion;
      this.toVersion = toVersion;
      this.manifestFileAndVersion = r.manifestFileAndVersion();
      this.filesForUpdate =
          r.filesForUpdate() == null ? List.of() : List.copyOf(r.filesForUpdate());
      this.registryValues = r.registryValues() == null ? Map.of() : Map.copyOf(r.registryValues());
      this.validFrom = at;
    }

    UpdateState current() {
      return states.get(states.size() - 1).state();
    }
  }

  @Override
  public synchronized Created<UpdateProcess> report(UpdateProcessReport r) {
    Objects.requireNonNull(r.updateProcessId(), "updateProcessId");
    Objects.requireNonNull(r.installId(), "installId");
    Objects.requireNonNull(r.state(), "state");
    Instant now = StoredInstants.now(clock);
    String product = installs.productOf(r.installId());
    String toVersion =
        r.toVersion() == null
            ? null
            : catalog.requireVersion(product, SemVer.parse(r.toVersion())).toString();
    Process p = processes.get(r.updateProcessId());
    boolean created = p == null;
    if (created) {
      SemVer from = installs.versionAt(r.installId(), now);
      p = new Process(r, product, from == null ? null : from.toString(), toVersion, now);
      processes.put(p.id, p);
      enter(p, r, now);
    } else {
      requireConsistent(p, r, toVersion);
      UpdateState current = p.current();
      if (current != r.state()) {
        if (!r.state().mayFollow(current)) {
          throw new RecordConflictException(
              "update process " + p.id + " cannot go from " + current + " to " + r.state());
        }
        enter(p, r, now);
      }
    }
    if (r.cachePath() != null && !r.cachePath().isBlank()) {
      recordCache(r.installId(), p.id, r.cachePath(), now);
    }
    return new Created<>(view(p), created);
  }

  private void enter(Process p, UpdateProcessReport r, Instant now) {
    p.states.add(new State(r.state(), r.detail(), now));
    if (!r.state().terminal()) {
      return;
    }
    p.validTo = now;
    if (r.state() == UpdateState.UpdateSuccessful && p.toVersion != null) {
      installs.moveVersion(p.installId, SemVer.parse(p.toVersion), now);
    }
  }

  private static void requireConsistent(Process p, UpdateProcessReport r, String toVersion) {
    String id = "update process " + p.id;
    if (!p.installId.equals(r.installId())) {
      throw new RecordConflictException(id + " belongs to install " + p.installId);
    }
    if (toVersion != null && !toVersion.equals(p.toVersion)) {
      throw new RecordConflictException(id + " was recorded with another target version");
    }
    if (r.manifestFileAndVersion() != null
        && !r.manifestFileAndVersion().equals(p.manifestFileAndVersion)) {
      throw new RecordConflictException(
          id + " was recorded with another manifest_file_and_version");
    }
    if (r.filesForUpdate() != null
        && !r.filesForUpdate().isEmpty()
        && !r.filesForUpdate().equals(p.filesForUpdate)) {
      throw new RecordConflictException(id + " was recorded with other files_for_update");
    }
    if (r.registryValues() != null
        && !r.registryValues().isEmpty()
        && !r.registryValues().equals(p.registryValues)) {
      throw new RecordConflictException(id + " was recorded with other registry_values");
    }
  }

  private void recordCache(UUID installId, UUID processId, String path, Instant now) {
    List<CacheHistoryRow> rows = caches.computeIfAbsent(installId, i -> new ArrayList<>());
    UUID cacheId = rows.isEmpty() ? UUID.randomUUID() : rows.get(0).casyncCacheId();
    int last = rows.size() - 1;
    if (last >= 0 && rows.get(last).validTo() == null) {
      CacheHistoryRow open = rows.get(last);
      if (open.path().equals(path) && processId.equals(open.updateProcessId())) {
        return;
      }
      Instant end = open.validFrom().isAfter(now) ? open.validFrom() : now;
      rows.set(
          last,
          new CacheHistoryRow(
              open.id(), cacheId, open.updateProcessId(), open.path(), open.validFrom(), end));
    }
    rows.add(new CacheHistoryRow(UUID.randomUUID(), cacheId, processId, path, now, null));
  }

  private static UpdateProcess view(Process p) {
    List<UpdateProcess.StatePeriod> periods = new ArrayList<>();
    for (int i = 0; i < p.states.size(); i++) {
      State s = p.states.get(i);
      Instant to = i + 1 < p.states.size() ? p.states.get(i + 1).from() : null;
      periods.add(new UpdateProcess.StatePeriod(s.state(), s.detail(), s.from(), to));
    }
    return new UpdateProcess(
        p.id,
        p.installId,
        p.product,
        p.fromVersion,
        p.toVersion,
        p.manifestFileAndVersion,
        p.filesForUpdate,
        p.registryValues,
        p.current(),
        p.validFrom,
        p.validTo,
        periods);
  }

  @Override
  public synchronized UpdateProcess find(UUID updateProcessId) {
    Process p = processes.get(updateProcessId);
    if (p == null) {
      throw new RecordNotFoundException("update process " + updateProcessId + " does not exist");
    }
    return view(p);
  }

  @Override
  public synchronized Listing<UpdateProcess> list(UUID installId, String cursor, int limit) {
    PageCursors.decodeKeyset(cursor); // a bad cursor is refused before anything else
    if (installId != null) {
      installs.productOf(installId);
    }
    return NewestFirstPages.page(
        processes.values().stream().filter(p -> installId == null || p.installId.equals(installId)),
        p -> p.validFrom,
        p -> p.id,
        cursor,
        limit,
        FakeUpdateProcesses::view);
  }

  @Override
  public synchronized List<CacheHistoryRow> cacheHistory(UUID installId) {
    return List.copyOf(caches.getOrDefault(installId, List.of()));
  }
}
