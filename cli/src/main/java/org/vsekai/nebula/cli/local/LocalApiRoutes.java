package org.vsekai.nebula.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.vsekai.nebula.activities.InstallRepairer;
import org.vsekai.nebula.activities.LocalProgress;
import org.vsekai.nebula.activities.OldReleases;
import org.vsekai.nebula.activities.ReleaseNotes;
import org.vsekai.nebula.activities.local.InstallState;
import org.vsekai.nebula.activities.local.InstallStateFile;
import org.vsekai.nebula.activities.local.InstalledRelease;
import org.vsekai.nebula.activities.local.InstalledReleases;
import org.vsekai.nebula.activities.local.Json;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.client.ServiceException;
import org.vsekai.nebula.api.rest.LauncherStart;
import org.vsekai.nebula.api.rest.ModeInfo;
import org.vsekai.nebula.api.rest.UpdateStart;
import org.vsekai.nebula.api.rest.UpdateView;
import org.vsekai.nebula.api.tuf.TufRefusal;

/**
 * What the launcher GUI can ask of its install's worker, each the same call the CLI command of that
 * name makes: the state with live progress, update, pause, resume, cancel, modes and mode switch,
 * settings, verify and repair. Every answer is a JSON object.
 */
final class LocalApiRoutes {
  /** How long the service's view of the update is reused: the GUI asks several times a second. */
  private static final long SERVICE_VIEW_NANOS = 1_000_000_000L;

  /** An answer: an HTTP status and a JSON object. */
  record Answer(int status, Map<String, Object> body) {
    static Answer ok(Map<String, Object> body) {
      return new Answer(200, body);
    }

    static Answer error(int status, String message) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("error", message);
      return new Answer(status, m);
    }
  }

  private final LauncherFolder folder;
  private final ServiceClient service;
  private final ProgressRate rate = new ProgressRate();
  private final AtomicReference<LocalJob> job = new AtomicReference<>();
  private volatile Map<String, Object> serviceView = Map.of();
  private volatile long serviceViewAt = Long.MIN_VALUE / 2;
  private final AtomicBoolean refreshing = new AtomicBoolean();

  LocalApiRoutes(LauncherFolder folder, ServiceClient service) {
    this.folder = folder;
    this.service = service;
  }

  Answer handle(String method, String path, JsonNode body) throws IOException {
    try {
      return switch (method + " " + path) {
        case "GET /v1/state" -> Answer.ok(state());
        case "POST /v1/update" -> Answer.ok(update(body));
        case "POST /v1/pause", "POST /v1/resume", "POST /v1/cancel" ->
            Answer.ok(control(path.substring("/v1/".length())));
        case "GET /v1/modes" -> Answer.ok(modes());
        case "PUT /v1/mode" -> Answer.ok(switchMode(body));
        case "GET /v1/settings" -> Answer.ok(settings(state(folder)));
        case "PUT /v1/settings" -> Answer.ok(changeSettings(body));
        case "POST /v1/verify", "POST /v1/repair" -> startCheck(path.endsWith("repair"));
        case "GET /v1/notes" -> Answer.ok(ReleaseNotes.of(folder, service, Clock.systemUTC()));
        default -> Answer.error(404, "no route " + method + " " + path);
      };
    } catch (ServiceException e) {
      return Answer.error(e.status() >= 400 && e.status() < 500 ? e.status() : 502, e.getMessage());
    } catch (IllegalArgumentException e) {
      return Answer.error(400, e.getMessage());
    } catch (TufRefusal e) {
      return Answer.error(502, "the release metadata was refused: " + e.getMessage());
    }
  }

  private Map<String, Object> state() throws IOException {
    InstallState s = state(folder);
    Optional<InstalledRelease> installed = new InstalledReleases(folder).current();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("installId", s.installId());
    m.put("product", s.product());
    m.put("mode", s.mode());
    m.put("version", installed.map(InstalledRelease::version).orElse(null));
    m.putAll(serviceView(s));
    Optional<LocalProgress> p = Json.read(folder.progressFile(), LocalProgress.class);
    boolean switching = Files.exists(folder.journal());
    if (p.isPresent()) {
      LocalProgress x = p.get();
      long bytesPerSecond = rate.sample(x.step(), x.bytesDone(), System.nanoTime());
      m.put("step", x.step());
      m.put("bytesDone", x.bytesDone());
      m.put("bytesTotal", x.bytesTotal());
      m.put("bytesPerSecond", bytesPerSecond);
      m.put("etaSeconds", ProgressRate.etaSeconds(x.bytesDone(), x.bytesTotal(), bytesPerSecond));
      switching |= "FinalizingUpdate".equals(x.step());
    }
    m.put("switching", switching);
    // Play runs the game from current/; never while a switch may be moving it.
    m.put("playable", installed.isPresent() && !switching);
    LocalJob j = job.get();
    if (j != null) {
      m.put("check", j.view());
    }
    return m;
  }

  /**
   * The service's view of the install's update, at most a second old. It is fetched on a thread of
   * its own: an unreachable service must never hold the GUI's state call for its timeout.
   */
  private Map<String, Object> serviceView(InstallState s) {
    long now = System.nanoTime();
    if (serviceView.isEmpty()) {
      serviceView = fetchServiceView(s); // the first answer waits for it, once
      serviceViewAt = now;
    } else if (now - serviceViewAt >= SERVICE_VIEW_NANOS && refreshing.compareAndSet(false, true)) {
      Thread t =
          new Thread(
              () -> {
                try {
                  serviceView = fetchServiceView(s);
                  serviceViewAt = System.nanoTime();
                } finally {
                  refreshing.set(false);
                }
              },
              "vsekai-local-service-view");
      t.setDaemon(true);
      t.start();
    }
    return serviceView;
  }

  private Map<String, Object> fetchServiceView(InstallState s) {
    Map<String, Object> m = new LinkedHashMap<>();
    try {
      UpdateView v = service.update(s.installId());
      m.put("updateState", v.state());
      m.put("running", v.running());
      m.put("paused", v.paused());
      m.put("updateFrom", v.fromVersion());
      m.put("updateTo", v.toVersion());
      m.put("outcome", v.outcome());
      m.put("failureType", v.failureType());
      m.put("failure", v.failure());
      m.put("serviceReachable", true);
    } catch (ServiceException e) {
      if (e.notFound()) {
        m.put("updateState", "Idle");
        m.put("running", false);
        m.put("serviceReachable", true);
      } else {
        m.put("serviceReachable", false);
        m.put("serviceError", e.getMessage());
      }
    } catch (RuntimeException e) {
      m.put("serviceReachable", false);
      m.put("serviceError", String.valueOf(e.getMessage()));
    }
    return m;
  }

  /** The next state call fetches the service's view again (after the GUI changed something). */
  private void staleServiceView() {
    serviceViewAt = Long.MIN_VALUE / 2;
  }

  private Map<String, Object> update(JsonNode body) throws IOException {
    InstallState s = state(folder);
    boolean downgrade = body != null && body.path("allowDowngrade").asBoolean(false);
    UpdateView v =
        service.startUpdate(
            s.installId(),
            new UpdateStart(s.maxBytesPerSecond(), downgrade, false, s.retryForHours()));
    serviceView = fetchServiceView(s);
    serviceViewAt = System.nanoTime();
    return Map.of("updateState", v.state(), "running", v.running());
  }

  private Map<String, Object> control(String verb) throws IOException {
    UpdateView v = service.controlUpdate(state(folder).installId(), verb);
    staleServiceView();
    return Map.of("updateState", v.state(), "paused", v.paused());
  }

  private Map<String, Object> modes() throws IOException {
    List<String> names = service.modes().stream().map(ModeInfo::name).toList();
    return Map.of("modes", names, "mode", state(folder).mode());
  }

  private Map<String, Object> switchMode(JsonNode body) throws IOException {
    String mode = text(body, "mode");
    InstallState s = state(folder);
    // The service first, as `vsekai mode switch` does: the local file follows if it agreed.
    service.switchMode(s.installId(), mode);
    new InstallStateFile(folder).write(s.withMode(mode));
    return Map.of("mode", mode);
  }

  private static Map<String, Object> settings(InstallState s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("maxBytesPerSecond", s.maxBytesPerSecond());
    m.put("autoUpdate", s.autoUpdate());
    m.put("checkIntervalMinutes", s.checkIntervalMinutes());
    return m;
  }

  private Map<String, Object> changeSettings(JsonNode body) throws IOException {
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("a JSON object expected");
    }
    InstallState s = state(folder);
    if (body.has("maxBytesPerSecond")) {
      long cap = body.get("maxBytesPerSecond").asLong(-1);
      if (cap < 0) {
        throw new IllegalArgumentException("maxBytesPerSecond is 0 (no cap) or more");
      }
      s = s.withMaxBytesPerSecond(cap);
    }
    if (body.has("autoUpdate")) {
      if (!body.get("autoUpdate").isBoolean()) {
        throw new IllegalArgumentException("autoUpdate is true or false");
      }
      s = s.withAutoUpdate(body.get("autoUpdate").booleanValue());
    }
    new InstallStateFile(folder).write(s);
    // The launcher workflow on the service runs the periodic checks with these settings.
    service.startLauncher(
        s.installId(),
        new LauncherStart(
            s.autoUpdate(), s.checkIntervalMinutes(), s.maxBytesPerSecond(), s.retryForHours()));
    return settings(s);
  }

  private Answer startCheck(boolean repair) {
    LocalJob running = job.get();
    if (running != null && running.running()) {
      return Answer.error(409, "a " + running.view().get("kind") + " is running");
    }
    LocalJob started =
        new LocalJob(
                repair ? "repair" : "verify",
                (done, total) -> {
                  new OldReleases(folder).removeUnused();
                  InstallRepairer repairer = new InstallRepairer(folder);
                  total.set(installedBytes());
                  InstallRepairer.Report r =
                      repair
                          ? repairer.repair(service, (path, bytes) -> done.set(bytes))
                          : repairer.verify((path, bytes) -> done.set(bytes));
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("version", r.version());
                  m.put("files", r.files());
                  m.put("damaged", r.damaged().stream().map(InstallRepairer.Damage::path).toList());
                  m.put("bytesFetched", r.bytesFetched());
                  return m;
                })
            .start();
    job.set(started);
    return Answer.ok(started.view());
  }

  private long installedBytes() {
    return new InstalledReleases(folder)
        .current()
        .map(r -> r.files().stream().mapToLong(f -> f.size()).sum())
        .orElse(0L);
  }

  private static InstallState state(LauncherFolder folder) throws IOException {
    return new InstallStateFile(folder).require();
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body == null ? null : body.get(field);
    if (v == null || !v.isTextual() || v.textValue().isBlank()) {
      throw new IllegalArgumentException("the body needs the string '" + field + "'");
    }
    return v.textValue();
  }
}
