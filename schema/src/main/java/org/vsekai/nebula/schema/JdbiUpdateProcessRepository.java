package org.vsekai.nebula.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.UpdateState;
import org.vsekai.nebula.schema.db.CacheHistoryRow;
import org.vsekai.nebula.schema.db.CasyncCacheDao;
import org.vsekai.nebula.schema.db.InstallDao;
import org.vsekai.nebula.schema.db.InstallRow;
import org.vsekai.nebula.schema.db.InstallVersionRow;
import org.vsekai.nebula.schema.db.UpdateProcessDao;
import org.vsekai.nebula.schema.db.UpdateProcessRow;
import org.vsekai.nebula.schema.db.VersionDao;
import org.vsekai.nebula.schema.db.VersionRow;

/** Update processes in their tables; every method is one SERIALIZABLE transaction. */
public final class JdbiUpdateProcessRepository implements UpdateProcessRepository {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private final SerializableTransactions tx;
  private final Clock clock;

  public JdbiUpdateProcessRepository(SerializableTransactions tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public Created<UpdateProcess> report(UpdateProcessReport report) {
    Objects.requireNonNull(report.updateProcessId(), "updateProcessId");
    Objects.requireNonNull(report.installId(), "installId");
    Objects.requireNonNull(report.state(), "state");
    return tx.inTransaction(
        h -> {
          Instant now = StoredInstants.now(clock);
          InstallRow install = JdbiInstallRepository.install(h, report.installId());
          UpdateProcessDao processes = h.attach(UpdateProcessDao.class);
          Optional<UpdateProcessRow> existing = processes.find(report.updateProcessId());
          UUID toVersionId = toVersionId(h, install, report.toVersion());
          boolean created = existing.isEmpty();
          if (created) {
            UUID fromVersionId =
                h.attach(InstallDao.class)
                    .versionAt(install.id(), now)
                    .map(InstallVersionRow::versionId)
                    .orElse(null);
            processes.insert(
                report.updateProcessId(),
                install.id(),
                fromVersionId,
                toVersionId,
                report.manifestFileAndVersion(),
                json(report.filesForUpdate() == null ? List.of() : report.filesForUpdate()),
                json(report.registryValues() == null ? Map.of() : report.registryValues()));
            processes.insertValidity(report.updateProcessId(), now);
            enter(h, report, toVersionId, now);
          } else {
            UpdateProcessRow row = existing.get();
            requireConsistent(row, report, toVersionId);
            UpdateState current = UpdateState.valueOf(row.state());
            if (current != report.state()) {
              if (!report.state().mayFollow(current)) {
                throw new RecordConflictException(
                    "update process "
                        + row.id()
                        + " cannot go from "
                        + current
                        + " to "
                        + report.state());
              }
              processes.closeState(row.id(), now);
              enter(h, report, row.toVersionId(), now);
            }
          }
          if (report.cachePath() != null && !report.cachePath().isBlank()) {
            recordCache(h, install.id(), report.updateProcessId(), report.cachePath(), now);
          }
          return new Created<>(
              info(h, processes.find(report.updateProcessId()).orElseThrow()), created);
        });
  }

  @Override
  public UpdateProcess find(UUID updateProcessId) {
    return tx.inReadOnlyTransaction(
        h ->
            info(
                h,
                h.attach(UpdateProcessDao.class)
                    .find(updateProcessId)
                    .orElseThrow(
                        () ->
                            new RecordNotFoundException(
                                "update process " + updateProcessId + " does not exist"))));
  }

  @Override
  public Listing<UpdateProcess> list(UUID installId, String cursor, int limit) {
    PageCursors.Keyset after = PageCursors.decodeKeyset(cursor);
    return tx.inReadOnlyTransaction(
        h -> {
          UpdateProcessDao processes = h.attach(UpdateProcessDao.class);
          List<UpdateProcessRow> rows;
          if (installId == null) {
            rows = processes.page(after.at(), after.id(), limit + 1);
          } else {
            JdbiInstallRepository.install(h, installId);
            rows = processes.pageForInstall(installId, after.at(), after.id(), limit + 1);
          }
          return Listing.of(
              rows,
              limit,
              r -> PageCursors.encode(new PageCursors.Keyset(r.createdAt(), r.id())),
              r -> info(h, r));
        });
  }

  @Override
  public List<CacheHistoryRow> cacheHistory(UUID installId) {
    return tx.inReadOnlyTransaction(
        h -> {
          CasyncCacheDao caches = h.attach(CasyncCacheDao.class);
          return caches.findForInstall(installId).map(caches::history).orElse(List.of());
        });
  }

  private static void enter(Handle h, UpdateProcessReport report, UUID toVersionId, Instant now) {
    UpdateProcessDao processes = h.attach(UpdateProcessDao.class);
    processes.insertState(report.updateProcessId(), report.state().name(), report.detail(), now);
    if (!report.state().terminal()) {
      return;
    }
    // The final state stays open: the process remains in it. Its run period ends.
    processes.closeValidity(report.updateProcessId(), now);
    if (report.state() == UpdateState.UpdateSuccessful && toVersionId != null) {
      InstallDao installs = h.attach(InstallDao.class);
      installs.closeVersion(report.installId(), now);
      installs.insertVersion(report.installId(), toVersionId, now);
    }
  }

  private static void recordCache(
      Handle h, UUID installId, UUID processId, String path, Instant now) {
    CasyncCacheDao caches = h.attach(CasyncCacheDao.class);
    UUID cacheId = caches.findForInstall(installId).orElseGet(() -> caches.insert(installId));
    Optional<CacheHistoryRow> open = caches.findOpen(cacheId);
    if (open.isPresent()
        && open.get().path().equals(path)
        && processId.equals(open.get().updateProcessId())) {
      return;
    }
    caches.closeHistory(cacheId, now);
    caches.insertHistory(cacheId, processId, path, now);
  }

  private static UUID toVersionId(Handle h, InstallRow install, String toVersion) {
    if (toVersion == null) {
      return null;
    }
    return CatalogLookups.version(h, install.product(), SemVer.parse(toVersion)).id();
  }

  /**
   * Later reports may omit the seed's fields but not change them: the process row is written once.
   */
  private static void requireConsistent(
      UpdateProcessRow row, UpdateProcessReport report, UUID toVersionId) {
    String id = "update process " + row.id();
    if (!row.installId().equals(report.installId())) {
      throw new RecordConflictException(id + " belongs to install " + row.installId());
    }
    if (toVersionId != null && !toVersionId.equals(row.toVersionId())) {
      throw new RecordConflictException(id + " was recorded with another target version");
    }
    if (report.manifestFileAndVersion() != null
        && !report.manifestFileAndVersion().equals(row.manifestFileAndVersion())) {
      throw new RecordConflictException(
          id + " was recorded with another manifest_file_and_version");
    }
    if (report.filesForUpdate() != null
        && !report.filesForUpdate().isEmpty()
        && !report.filesForUpdate().equals(read(row.filesForUpdate(), STRINGS))) {
      throw new RecordConflictException(id + " was recorded with other files_for_update");
    }
    if (report.registryValues() != null
        && !report.registryValues().isEmpty()
        && !report.registryValues().equals(read(row.registryValues(), STRING_MAP))) {
      throw new RecordConflictException(id + " was recorded with other registry_values");
    }
  }

  private static UpdateProcess info(Handle h, UpdateProcessRow row) {
    VersionDao versions = h.attach(VersionDao.class);
    return new UpdateProcess(
        row.id(),
        row.installId(),
        row.product(),
        versionText(versions, row.fromVersionId()),
        versionText(versions, row.toVersionId()),
        row.manifestFileAndVersion(),
        read(row.filesForUpdate(), STRINGS),
        read(row.registryValues(), STRING_MAP),
        row.state() == null ? null : UpdateState.valueOf(row.state()),
        row.validFrom(),
        row.validTo(),
        h.attach(UpdateProcessDao.class).states(row.id()).stream()
            .map(
                s ->
                    new UpdateProcess.StatePeriod(
                        UpdateState.valueOf(s.state()), s.detail(), s.validFrom(), s.validTo()))
            .toList());
  }

  private static String versionText(VersionDao versions, UUID versionId) {
    if (versionId == null) {
      return null;
    }
    return versions.findById(versionId).map(VersionRow::semVer).map(SemVer::toString).orElse(null);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value + " as JSON", e);
    }
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable: " + json, e);
    }
  }
}
