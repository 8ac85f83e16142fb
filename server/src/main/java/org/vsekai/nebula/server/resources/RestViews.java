package org.vsekai.nebula.server.resources;

import java.util.function.Function;
import org.vsekai.nebula.api.rest.CurrentMode;
import org.vsekai.nebula.api.rest.InstallHistoryEntry;
import org.vsekai.nebula.api.rest.InstallInfo;
import org.vsekai.nebula.api.rest.ModeInfo;
import org.vsekai.nebula.api.rest.Page;
import org.vsekai.nebula.api.rest.ProductInfo;
import org.vsekai.nebula.api.rest.RolloutInfo;
import org.vsekai.nebula.api.rest.UpdateProcessInfo;
import org.vsekai.nebula.api.rest.VersionInfo;
import org.vsekai.nebula.schema.CatalogEntry;
import org.vsekai.nebula.schema.FollowedMode;
import org.vsekai.nebula.schema.Install;
import org.vsekai.nebula.schema.InstallPeriod;
import org.vsekai.nebula.schema.Listing;
import org.vsekai.nebula.schema.PublishedVersion;
import org.vsekai.nebula.schema.Rollout;
import org.vsekai.nebula.schema.UpdateProcess;

/**
 * The REST shapes of what the repositories return. The wire format lives in {@code api.rest} and
 * changes only with the API's version; the records behind it can change freely.
 */
final class RestViews {
  private RestViews() {}

  static ProductInfo product(CatalogEntry e) {
    return new ProductInfo(e.name(), e.validFrom(), e.validTo());
  }

  static ModeInfo mode(CatalogEntry e) {
    return new ModeInfo(e.name(), e.validFrom(), e.validTo());
  }

  static VersionInfo version(PublishedVersion v) {
    return new VersionInfo(
        v.product(),
        v.version().toString(),
        v.executablePath(),
        v.publishedAt(),
        v.validFrom(),
        v.validTo(),
        v.modes());
  }

  static InstallInfo install(Install i) {
    return new InstallInfo(
        i.id(),
        i.product(),
        i.mode(),
        i.version() == null ? null : i.version().toString(),
        i.registeredAt());
  }

  static InstallHistoryEntry period(InstallPeriod p) {
    String kind =
        p.kind() == InstallPeriod.Kind.MODE
            ? InstallHistoryEntry.MODE
            : InstallHistoryEntry.VERSION;
    return new InstallHistoryEntry(kind, p.value(), p.validFrom(), p.validTo());
  }

  static CurrentMode currentMode(FollowedMode m) {
    return new CurrentMode(m.mode(), m.since());
  }

  static RolloutInfo rollout(Rollout r) {
    return new RolloutInfo(
        r.id(),
        r.product(),
        r.version().toString(),
        r.mode(),
        r.maxFailureRate(),
        r.workflowId(),
        r.createdAt(),
        r.state(),
        r.reason(),
        r.waves().stream()
            .map(
                w ->
                    new RolloutInfo.WaveInfo(
                        w.index(),
                        w.percent(),
                        w.deadlineSeconds(),
                        w.state(),
                        w.reason(),
                        w.since(),
                        w.targeted(),
                        w.succeeded(),
                        w.failed(),
                        w.cancelled()))
            .toList(),
        r.states().stream()
            .map(
                s -> new RolloutInfo.StatePeriod(s.state(), s.reason(), s.validFrom(), s.validTo()))
            .toList());
  }

  static UpdateProcessInfo updateProcess(UpdateProcess p) {
    return new UpdateProcessInfo(
        p.id(),
        p.installId(),
        p.product(),
        p.fromVersion(),
        p.toVersion(),
        p.manifestFileAndVersion(),
        p.filesForUpdate(),
        p.registryValues(),
        p.state(),
        p.validFrom(),
        p.validTo(),
        p.states().stream()
            .map(
                s ->
                    new UpdateProcessInfo.StatePeriod(
                        s.state(), s.detail(), s.validFrom(), s.validTo()))
            .toList());
  }

  static <T, R> Page<R> page(Listing<T> listing, Function<T, R> view) {
    return new Page<>(listing.items().stream().map(view).toList(), listing.next());
  }

  static <T> Page<T> page(Listing<T> listing) {
    return new Page<>(listing.items(), listing.next());
  }
}
