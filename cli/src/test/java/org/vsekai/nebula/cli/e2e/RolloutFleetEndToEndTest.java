package org.vsekai.nebula.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.common.SearchAttributeKey;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.activities.local.InstallState;
import org.vsekai.nebula.activities.local.InstallStateFile;
import org.vsekai.nebula.activities.testing.Builds;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.client.ServiceException;
import org.vsekai.nebula.api.manifest.Ed25519Keys;
import org.vsekai.nebula.api.rest.RolloutInfo;
import org.vsekai.nebula.api.rest.RolloutScheduleInfo;
import org.vsekai.nebula.api.rest.RolloutScheduleRequest;
import org.vsekai.nebula.api.rest.RolloutStart;
import org.vsekai.nebula.cli.CliRig;
import org.vsekai.nebula.cli.CliRun;
import org.vsekai.nebula.cli.SupportTemporal;
import org.vsekai.nebula.cli.commands.PublishCommand;
import org.vsekai.nebula.desync.ChunkSizes;
import org.vsekai.nebula.desync.testing.TemporalDevServer;
import org.vsekai.nebula.desync.testing.TestData;
import org.vsekai.nebula.server.EmbeddedNebulaService;
import org.vsekai.nebula.workflows.NebulaSearchAttributes;
import org.vsekai.nebula.workflows.UpdateOutcome;
import org.vsekai.nebula.workflows.UpdateRequest;
import org.vsekai.nebula.workflows.UpdateTrigger;
import org.vsekai.nebula.workflows.WorkflowIds;
import org.vsekai.nebula.workflows.client.UpdateStarter;
import org.vsekai.nebula.workflows.rollout.RolloutIds;
import org.vsekai.nebula.workflows.rollout.WaveBuckets;

/**
 * Issue 6's rollouts, all real: the Temporal dev server, the service with its worker (rollout
 * workflow, wave triggers, records) on embedded PostgreSQL, and a fleet of {@value #FLEET} installs
 * in this JVM, each a launcher folder with its own worker on its own task queue. A rollout of a
 * small release reaches the whole fleet in the default waves; a second one, in which 30% of its
 * first wave's installs fail, halts after that wave and touches no other install; a Schedule starts
 * a rollout at its time; and support staff find an install's update with its UpdateState in the dev
 * server's web UI, through headless Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("integration")
class RolloutFleetEndToEndTest {
  private static final int FLEET = 100;

  /** The second rollout's first wave: 10% of the buckets, and exactly ten installs in them. */
  private static final int SECOND_FIRST_WAVE_PERCENT = 10;

  private static final int SECOND_FIRST_WAVE_INSTALLS = 10;
  private static final int FAILING = 3;

  /** Where installs the fleet does not need go: the service picks ids, the test picks waves. */
  private static final String SPARE_MODE = "spare";

  /**
   * Each wave's deadline, and how long the test waits for a rollout. Normally the first rollout
   * takes two minutes. On an overloaded machine the dev server can lose an activity task it has
   * handed out (it records the start, the worker never gets it); Temporal retries it when its
   * start-to-close timeout passes, five minutes for the registry step. The deadline leaves room for
   * that, so every install still ends updated rather than timed out.
   */
  private static final Duration WAVE_DEADLINE = Duration.ofMinutes(7);

  private static final Duration ROLLOUT_LIMIT = Duration.ofMinutes(8);
  private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

  @TempDir static Path dir;
  private TemporalDevServer temporal;
  private EmbeddedNebulaService nebula;
  private ServiceClient service;
  private WorkflowClient client;
  private Fleet fleet;
  private Path v1;
  private Path v2;
  private RolloutInfo first;
  private final Map<Fleet.Member, InstallState> statesBeforeBreaking = new HashMap<>();

  @BeforeAll
  void start() throws Exception {
    temporal =
        TemporalDevServer.start(
            Files.createDirectories(dir.resolve("temporal")), NebulaSearchAttributes.names());
    nebula =
        EmbeddedNebulaService.start(dir.resolve("service"), CliRig.settings(temporal.address()));
    service = new ServiceClient(nebula.baseUrl(), nebula.publisherToken());
    service.createProduct("v-sekai");
    service.createMode("stable");
    service.createMode("beta");
    service.createMode(SPARE_MODE);
    v1 = Files.createDirectories(dir.resolve("builds/0.1.0"));
    TestData.write(v1.resolve("v-sekai"), TestData.random(1, 48_000));
    TestData.write(v1.resolve("data/world.pck"), TestData.random(2, 160_000));
    TestData.write(v1.resolve("README.txt"), "V-Sekai 0.1.0\n".getBytes(StandardCharsets.UTF_8));
    v2 = dir.resolve("builds/0.2.0");
    Builds.copy(v1, v2);
    Files.write(
        v2.resolve("data/world.pck"),
        TestData.mutate(Files.readAllBytes(v2.resolve("data/world.pck")), 7, 2, 1000));
    TestData.write(v2.resolve("README.txt"), "V-Sekai 0.2.0\n".getBytes(StandardCharsets.UTF_8));
    PublishCommand.publish(
        service, "v-sekai", "0.1.0", "stable", "v-sekai", ChunkSizes.DEFAULT, v1);
    PublishCommand.publish(
        service, "v-sekai", "0.2.0", "stable", "v-sekai", ChunkSizes.DEFAULT, v2);
    client = SupportTemporal.connect(temporal.address());
    fleet =
        Fleet.start(
            dir.resolve("fleet"),
            FLEET,
            SECOND_FIRST_WAVE_PERCENT,
            SECOND_FIRST_WAVE_INSTALLS,
            nebula,
            "stable",
            SPARE_MODE);
  }

  @AfterAll
  void stop() throws Exception {
    if (fleet != null) {
      fleet.close();
    }
    if (client != null) {
      client.getWorkflowServiceStubs().shutdown();
    }
    if (nebula != null) {
      nebula.close();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  @Order(1)
  void aRolloutReachesTheWholeFleetWaveByWave() throws Exception {
    Map<String, Long> callsBefore = nebula.gatewayCalls();
    long started = System.nanoTime();
    RolloutInfo rollout =
        service.startRollout(
            new RolloutStart(
                "v-sekai", "0.1.0", "stable", null, 0.2, WAVE_DEADLINE.toSeconds(), 2L));
    first = awaitRollout(rollout.rolloutId(), r -> !r.state().equals("Running"));
    Duration wall = Duration.ofNanos(System.nanoTime() - started);

    assertThat(first.state()).as(first.reason()).isEqualTo("Completed");
    assertThat(first.waves())
        .extracting(RolloutInfo.WaveInfo::percent)
        .containsExactly(1, 10, 50, 100);
    assertThat(first.waves()).extracting(RolloutInfo.WaveInfo::state).containsOnly("Succeeded");
    int previous = 0;
    for (RolloutInfo.WaveInfo wave : first.waves()) {
      int from = previous;
      long expected =
          fleet
              .where(
                  m ->
                      WaveBuckets.reaches(wave.percent(), m.installId())
                          && !WaveBuckets.reaches(from, m.installId()))
              .size();
      assertThat(wave.targeted())
          .as("wave %d reaches the installs whose bucket it covers", wave.index() + 1)
          .isEqualTo(expected);
      assertThat(wave.succeeded()).isEqualTo(expected);
      previous = wave.percent();
    }
    assertThat(first.waves().stream().mapToLong(RolloutInfo.WaveInfo::targeted).sum())
        .isEqualTo(FLEET);
    Map<String, String> v1Contents = Builds.contents(v1);
    for (Fleet.Member m : fleet.members()) {
      assertThat(Builds.contents(m.folder().current()))
          .as("install %s", m.installId())
          .isEqualTo(v1Contents);
      assertThat(searchAttribute(m.installId(), NebulaSearchAttributes.ROLLOUT_ID))
          .isEqualTo(first.rolloutId().toString());
    }

    TemporalActions rolloutCost = new TemporalActions();
    rolloutCost.addAllRuns(client, first.workflowId());
    TemporalActions updatesCost = new TemporalActions();
    for (Fleet.Member m : fleet.members()) {
      updatesCost.addAllRuns(client, WorkflowIds.update(m.installId()));
    }
    System.out.printf(
        "rollout of %d installs (waves %s): wall time %.1f s%n",
        FLEET,
        first.waves().stream().map(w -> w.percent() + "%:" + w.targeted()).toList(),
        wall.toMillis() / 1000.0);
    System.out.printf(
        "  gateway calls per updating install (one update each): %s%n",
        perInstall(GatewayCalls.delta(callsBefore, nebula.gatewayCalls()), FLEET));
    System.out.printf("  the rollout workflow: %s%n", rolloutCost.summary());
    System.out.printf("  the %d update workflows: %s%n", FLEET, updatesCost.summary());
    System.out.printf(
        "  the waves' triggers (installs started, milliseconds): %s%n", triggerTimes(first));
    System.out.printf(
        "  in all: %d history events, %d actions (%.1f per install)%n",
        rolloutCost.events() + updatesCost.events(),
        rolloutCost.actions() + updatesCost.actions(),
        (rolloutCost.actions() + updatesCost.actions()) / (double) FLEET);
    // Never an event per install: besides one count after each timer (and one as each wave's
    // trigger ends), the rollout's activities are a fixed few: open, three per wave (Running,
    // the trigger, the verdict) and the end.
    int waves = first.waves().size();
    assertThat(rolloutCost.activitiesScheduled() - rolloutCost.timers() - waves)
        .as("the rollout's activities apart from its counts")
        .isEqualTo(2 + 3 * waves);
  }

  @Test
  @Order(2)
  void supportStaffFindAnInstallsUpdateWithItsStateInTheTemporalUi() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.require();
    String installId = fleet.members().get(0).installId();
    String found =
        renderUntil(
            chromium,
            installId,
            "UpdateSuccessful",
            dom -> dom.contains(WorkflowIds.update(installId)));
    // The DOM is a quarter of a megabyte: say what was missing, not all of it.
    assertThat(found.contains(WorkflowIds.update(installId)) && found.contains("UpdateWorkflow"))
        .as(
            "the UI lists %s for InstallId and UpdateState=UpdateSuccessful",
            WorkflowIds.update(installId))
        .isTrue();
    String none =
        renderUntil(chromium, installId, "DownloadingUpdate", dom -> dom.contains("No Results"));
    assertThat(none.contains("No Results") && !none.contains(WorkflowIds.update(installId)))
        .as("the UI lists nothing for the same install in another state")
        .isTrue();
    System.out.printf(
        "Temporal UI: %s found by InstallId and UpdateState; screenshot %s%n",
        WorkflowIds.update(installId),
        SCREENSHOTS.resolve("install-" + installId + "-UpdateSuccessful.png").toAbsolutePath());
  }

  /**
   * The UI's workflow list for one install in one state; again (a few times) until {@code done}.
   */
  private String renderUntil(
      HeadlessChromium chromium, String installId, String state, Predicate<String> done)
      throws Exception {
    String query = "InstallId=\"" + installId + "\" AND UpdateState=\"" + state + "\"";
    String url =
        temporal.uiUrl()
            + "/namespaces/default/workflows?query="
            + URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20");
    String dom = "";
    for (int attempt = 0; attempt < 3 && !done.test(dom); attempt++) {
      dom =
          chromium.render(url, SCREENSHOTS.resolve("install-" + installId + "-" + state + ".png"));
    }
    return dom;
  }

  @Test
  @Order(3)
  void aRolloutWhoseFirstWaveFailsPastTheThresholdHaltsAndTouchesNoOtherInstall() throws Exception {
    List<Fleet.Member> firstWave =
        fleet.where(m -> WaveBuckets.reaches(SECOND_FIRST_WAVE_PERCENT, m.installId()));
    assertThat(firstWave).hasSize(SECOND_FIRST_WAVE_INSTALLS);
    List<Fleet.Member> failing = firstWave.subList(0, FAILING);
    // Their install state is made invalid: it pins a key the service never signed with, and
    // they have no trusted metadata yet, so the first root cannot be trusted.
    String foreignKey = Ed25519Keys.encode(Ed25519Keys.generate().getPublic());
    for (Fleet.Member m : failing) {
      statesBeforeBreaking.put(m, m.state());
      try (var files = Files.list(m.folder().trustedMetadata())) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      var s = m.state();
      new InstallStateFile(m.folder())
          .write(
              new InstallState(
                  s.installId(),
                  s.product(),
                  s.mode(),
                  s.serviceUrl(),
                  foreignKey,
                  s.autoUpdate(),
                  s.checkIntervalMinutes(),
                  s.maxBytesPerSecond(),
                  s.credential(),
                  s.gateway(),
                  s.gatewayTls(),
                  s.allowDowngradeUntil(),
                  s.retryForHours()));
    }

    RolloutInfo rollout =
        service.startRollout(
            new RolloutStart(
                "v-sekai",
                "0.2.0",
                "stable",
                List.of(SECOND_FIRST_WAVE_PERCENT, 50, 100),
                0.2,
                WAVE_DEADLINE.toSeconds(),
                1L));
    RolloutInfo halted = awaitRollout(rollout.rolloutId(), r -> !r.state().equals("Running"));
    System.out.printf("second rollout: %s: %s%n", halted.state(), halted.reason());

    assertThat(halted.state()).isEqualTo("Halted");
    assertThat(halted.reason())
        .startsWith(
            "wave 1 (10%): 3 of 10 updates failed (30.0%), above the 20.0% threshold; e.g. ");
    assertThat(halted.waves())
        .extracting(RolloutInfo.WaveInfo::state)
        .containsExactly("Halted", "Skipped", "Skipped");
    assertThat(halted.waves().get(0).reason()).isEqualTo(halted.reason());
    assertThat(halted.waves().get(1).targeted() + halted.waves().get(2).targeted()).isZero();

    // The wave's good installs finish their updates whether or not the rollout halted first.
    awaitRollout(
        rollout.rolloutId(),
        r -> r.waves().get(0).succeeded() == SECOND_FIRST_WAVE_INSTALLS - FAILING);
    Map<String, String> v1Contents = Builds.contents(v1);
    Map<String, String> v2Contents = Builds.contents(v2);
    for (Fleet.Member m : fleet.members()) {
      boolean inFirstWave = firstWave.contains(m);
      boolean failed = failing.contains(m);
      assertThat(Builds.contents(m.folder().current()))
          .as("install %s", m.installId())
          .isEqualTo(inFirstWave && !failed ? v2Contents : v1Contents);
      String rolloutOfLatestUpdate =
          searchAttribute(m.installId(), NebulaSearchAttributes.ROLLOUT_ID);
      assertThat(rolloutOfLatestUpdate)
          .as("the latest update of %s", m.installId())
          .isEqualTo((inFirstWave ? rollout : first).rolloutId().toString());
      if (failed) {
        assertThat(searchAttribute(m.installId(), NebulaSearchAttributes.UPDATE_STATE))
            .isEqualTo("UpdateFailed");
      }
    }
  }

  @Test
  @Order(4)
  void aScheduleStartsARolloutAtItsTime() throws Exception {
    Instant at = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
    RolloutScheduleInfo schedule =
        service.scheduleRollout(
            new RolloutScheduleRequest(
                new RolloutStart("v-sekai", "0.2.0", "beta", List.of(100), 0.2, 60L, 1L),
                null,
                at));
    assertThat(schedule.nextRuns()).containsExactly(at);
    assertThat(service.recentRollouts(50)).noneMatch(r -> r.mode().equals("beta"));

    RolloutInfo scheduled =
        await(
            "a rollout started by the schedule",
            Duration.ofMinutes(1),
            () ->
                service.recentRollouts(50).stream()
                    .filter(r -> r.mode().equals("beta"))
                    .findFirst());
    assertThat(scheduled.workflowId())
        .startsWith(RolloutIds.scheduledWorkflowId(schedule.scheduleId()));
    assertThat(scheduled.rolloutId().toString())
        .isEqualTo(RolloutIds.forWorkflow(scheduled.workflowId()));
    assertThat(scheduled.createdAt()).isBetween(at, at.plusSeconds(30));
    RolloutInfo done = awaitRollout(scheduled.rolloutId(), r -> r.state().equals("Completed"));
    System.out.printf(
        "scheduled for %s, started %s, %s%n", at, scheduled.createdAt(), done.state());
  }

  /**
   * What an online install costs while nothing happens: its worker's long polls at the gateway,
   * measured over a quiet window on the whole fleet, and one periodic check that finds nothing.
   */
  @Test
  @Order(5)
  void anIdleInstallCostsItsPollsAndAnHourlyCheck() throws Exception {
    Duration window = Duration.ofSeconds(90);
    Map<String, Long> before = nebula.gatewayCalls();
    Thread.sleep(window.toMillis());
    Map<String, Long> idle = GatewayCalls.delta(before, nebula.gatewayCalls());
    double pollsPerHour =
        idle.getOrDefault("PollActivityTaskQueue", 0L)
            / (double) FLEET
            * 3600.0
            / window.toSeconds();
    System.out.printf(
        "idle fleet of %d over %d s: gateway calls %s; %.1f polls per idle install per hour%n",
        FLEET, window.toSeconds(), idle, pollsPerHour);
    assertThat(idle.keySet()).containsOnly("PollActivityTaskQueue");
    assertThat(pollsPerHour).as("long polls of about a minute each").isBetween(30.0, 130.0);

    // One periodic check of an install already on the latest version: NoUpdateFound.
    Map<String, String> v2Contents = Builds.contents(v2);
    Fleet.Member upToDate = null;
    for (Fleet.Member m :
        fleet.where(m -> WaveBuckets.reaches(SECOND_FIRST_WAVE_PERCENT, m.installId()))) {
      if (Builds.contents(m.folder().current()).equals(v2Contents)) {
        upToDate = m;
        break;
      }
    }
    assertThat(upToDate).as("an install of the halted rollout's good first wave").isNotNull();
    Map<String, Long> beforeCheck = nebula.gatewayCalls();
    var check =
        new UpdateStarter(client)
            .startOrAttach(
                UpdateRequest.latest(
                    upToDate.installId(), "v-sekai", "stable", UpdateTrigger.SCHEDULED));
    assertThat(check.result().outcome()).isEqualTo(UpdateOutcome.NO_UPDATE);
    Map<String, Long> checkCalls = GatewayCalls.delta(beforeCheck, nebula.gatewayCalls());
    TemporalActions checkCost = new TemporalActions();
    checkCost.add(client.fetchHistory(check.workflowId(), check.runId()).getEvents());
    System.out.printf(
        "one periodic check that finds nothing: %s; gateway calls %s%n",
        checkCost.summary(), checkCalls);
  }

  /**
   * The whole fleet keeps updating across a root key rotation (the service's key to two of three
   * offline keys) and a targets key rotation (to an offline key): none is left behind.
   */
  @Test
  @Order(6)
  void theFleetFollowsRootAndTargetsKeyRotations() throws Exception {
    for (var e : statesBeforeBreaking.entrySet()) {
      new InstallStateFile(e.getKey().folder()).write(e.getValue());
    }
    Path keys = Files.createDirectories(dir.resolve("keys"));
    for (String name : List.of("root-a", "root-b", "root-c", "targets-1")) {
      keysCommand("init", name, "--dir", keys.toString());
    }
    String serviceKey = dir.resolve("service/signing/ed25519.key").toString();
    keysCommand(
        "rotate",
        "root",
        "--replace",
        "--threshold",
        "2",
        "--add",
        keys.resolve("root-a.pub").toString(),
        "--add",
        keys.resolve("root-b.pub").toString(),
        "--add",
        keys.resolve("root-c.pub").toString(),
        "--sign",
        serviceKey,
        "--sign",
        keys.resolve("root-a.key").toString(),
        "--sign",
        keys.resolve("root-c.key").toString());
    keysCommand(
        "rotate",
        "targets",
        "--replace",
        "--add",
        keys.resolve("targets-1.pub").toString(),
        "--sign",
        keys.resolve("root-a.key").toString(),
        "--sign",
        keys.resolve("root-b.key").toString());
    Path v3 = dir.resolve("builds/0.3.0");
    Builds.copy(v2, v3);
    TestData.write(v3.resolve("README.txt"), "V-Sekai 0.3.0\n".getBytes(StandardCharsets.UTF_8));
    PublishCommand.publish(
        service, "v-sekai", "0.3.0", "stable", "v-sekai", ChunkSizes.DEFAULT, v3);
    keysCommand("sign-targets", "--sign", keys.resolve("targets-1.key").toString());

    RolloutInfo rollout =
        service.startRollout(
            new RolloutStart(
                "v-sekai", "0.3.0", "stable", List.of(100), 0.2, WAVE_DEADLINE.toSeconds(), 1L));
    RolloutInfo done = awaitRollout(rollout.rolloutId(), r -> !r.state().equals("Running"));
    assertThat(done.state()).as(done.reason()).isEqualTo("Completed");
    Map<String, String> v3Contents = Builds.contents(v3);
    for (Fleet.Member m : fleet.members()) {
      assertThat(Builds.contents(m.folder().current()))
          .as("install %s after the rotations", m.installId())
          .isEqualTo(v3Contents);
    }
    System.out.printf(
        "after a root rotation to 2 of 3 keys and a targets rotation: %d of %d installs on 0.3.0%n",
        fleet.members().size(), FLEET);
  }

  private void keysCommand(String... args) {
    List<String> all = new ArrayList<>(List.of("keys"));
    all.addAll(List.of(args));
    if (!args[0].equals("init")) {
      all.addAll(List.of("--service", nebula.baseUrl().toString()));
      if (!args[0].equals("sign")) {
        all.addAll(List.of("--token", nebula.publisherToken()));
      }
    }
    CliRun run = CliRun.of(all.toArray(String[]::new));
    assertThat(run.exitCode()).as(String.join(" ", all) + ": " + run.err()).isZero();
  }

  private static Map<String, String> perInstall(Map<String, Long> calls, int installs) {
    Map<String, String> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, String.format("%.1f", v / (double) installs)));
    return out;
  }

  /** How long each wave's trigger activity ran, from its started to its completed event. */
  private List<String> triggerTimes(RolloutInfo rollout) {
    List<HistoryEvent> history = client.fetchHistory(rollout.workflowId()).getEvents();
    Map<Long, HistoryEvent> byId = new HashMap<>();
    history.forEach(e -> byId.put(e.getEventId(), e));
    List<String> times = new ArrayList<>();
    for (HistoryEvent e : history) {
      if (!e.hasActivityTaskCompletedEventAttributes()) {
        continue;
      }
      var done = e.getActivityTaskCompletedEventAttributes();
      var scheduled =
          byId.get(done.getScheduledEventId()).getActivityTaskScheduledEventAttributes();
      if (!scheduled.getActivityType().getName().equals("TriggerWave")) {
        continue;
      }
      long started = Timestamps.toMillis(byId.get(done.getStartedEventId()).getEventTime());
      long ended = Timestamps.toMillis(e.getEventTime());
      times.add(rollout.waves().get(times.size()).targeted() + " in " + (ended - started));
    }
    return times;
  }

  private String searchAttribute(String installId, SearchAttributeKey<String> key) {
    WorkflowExecutionDescription d =
        client.newUntypedWorkflowStub(WorkflowIds.update(installId)).describe();
    return d.getTypedSearchAttributes().get(key);
  }

  private RolloutInfo awaitRollout(UUID id, Predicate<RolloutInfo> condition)
      throws InterruptedException {
    RolloutInfo[] last = new RolloutInfo[1];
    try {
      return await(
          "rollout " + id,
          ROLLOUT_LIMIT,
          () -> {
            last[0] = service.rollout(id.toString());
            return condition.test(last[0]) ? Optional.of(last[0]) : Optional.empty();
          });
    } catch (AssertionError timedOut) {
      throw new AssertionError(timedOut.getMessage() + "; last seen: " + last[0], timedOut);
    }
  }

  private static <T> T await(String what, Duration limit, Supplier<Optional<T>> probe)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        Optional<T> got = probe.get();
        if (got.isPresent()) {
          return got.get();
        }
      } catch (ServiceException notYet) {
        // the service is busy or restarting; ask again
      }
      Thread.sleep(250);
    }
    throw new AssertionError("timed out after " + limit + " waiting for " + what);
  }
}
