package org.vsekai.nebula.server.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.Sha256;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.manifest.ReleaseManifest;
import org.vsekai.nebula.api.rest.ReleaseRequest;
import org.vsekai.nebula.api.rest.RolloutAbortRequest;
import org.vsekai.nebula.api.rest.RolloutInfo;
import org.vsekai.nebula.api.rest.RolloutScheduleRequest;
import org.vsekai.nebula.api.rest.RolloutStart;
import org.vsekai.nebula.desync.CaibxWriter;
import org.vsekai.nebula.desync.ChunkSizes;
import org.vsekai.nebula.desync.IndexMaker;
import org.vsekai.nebula.server.EmbeddedNebulaService;
import org.vsekai.nebula.server.temporal.EmbeddedTemporal;
import org.vsekai.nebula.server.temporal.RecordActivitiesImpl;
import org.vsekai.nebula.server.testing.ApiClient;
import org.vsekai.nebula.workflows.NebulaSearchAttributes;
import org.vsekai.nebula.workflows.UpdateState;
import org.vsekai.nebula.workflows.UpdateTrigger;
import org.vsekai.nebula.workflows.WorkflowIds;
import org.vsekai.nebula.workflows.activities.RecordReceipt;
import org.vsekai.nebula.workflows.activities.UpdateRecord;
import org.vsekai.nebula.workflows.rollout.WaveBuckets;

/**
 * {@code /api/v1/rollouts} on the service with its own worker, Temporal's Java test server and
 * embedded PostgreSQL. No install runs a worker here, so every install is "offline": a wave starts
 * their updates, which wait on their task queues, and the test reports how they end through the
 * service's real record activity, as the updates would. The real fleet is the CLI module's
 * end-to-end test against the Temporal dev server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class RolloutsApiTest {
  @TempDir static Path dir;
  private EmbeddedTemporal temporal;
  private EmbeddedNebulaService nebula;
  private ApiClient api;
  private WorkflowClient client;

  @BeforeAll
  void start() throws Exception {
    temporal = EmbeddedTemporal.start(0);
    nebula =
        EmbeddedNebulaService.start(
            dir.resolve("service"), Map.of("NEBULA_TEMPORAL_TARGET", temporal.address()));
    api = new ApiClient(nebula.baseUrl(), nebula.publisherToken());
    client =
        WorkflowClient.newInstance(
            WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.address()).build()),
            WorkflowClientOptions.newBuilder().setNamespace("default").build());
    var catalog = nebula.services().catalog();
    catalog.products().create("v-sekai", null, null);
    catalog.modes().create("stable", null, null);
    catalog.modes().create("beta", null, null);
    publishOneFileRelease("0.1.0");
    publishOneFileRelease("0.2.0");
  }

  @AfterAll
  void stop() throws Exception {
    client.getWorkflowServiceStubs().shutdown();
    nebula.close();
    temporal.close();
  }

  private static RolloutStart start(List<Integer> waves, long deadlineSeconds) {
    return start("stable", waves, deadlineSeconds);
  }

  private static RolloutStart start(String mode, List<Integer> waves, long deadlineSeconds) {
    return new RolloutStart("v-sekai", "0.2.0", mode, waves, 0.2, deadlineSeconds, 1L);
  }

  private UUID install(String mode, String version) {
    return install(UUID.randomUUID(), mode, version);
  }

  private UUID install(UUID id, String mode, String version) {
    return nebula
        .services()
        .installs()
        .register(id, "v-sekai", mode, version == null ? null : SemVer.parse(version))
        .value()
        .id();
  }

  /** A random install id that a wave of {@code percent} percent reaches. */
  private static UUID idInWave(int percent) {
    UUID id;
    do {
      id = UUID.randomUUID();
    } while (!WaveBuckets.reaches(percent, id.toString()));
    return id;
  }

  @Test
  void aWaveStartsTheUpdatesOfItsInstallsAndJudgesThemByWhatTheyRecord() throws Exception {
    List<UUID> older = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      older.add(install("stable", "0.1.0"));
    }
    older.add(install("stable", null));
    UUID current = install("stable", "0.2.0");
    UUID beta = install("beta", "0.1.0");

    ApiClient.Reply started = api.post("api/v1/rollouts", start(List.of(100), 120));
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    RolloutInfo rollout = started.as(RolloutInfo.class);
    assertThat(rollout.state()).isEqualTo("Running");
    RolloutInfo triggered =
        awaitRollout(rollout.rolloutId(), r -> r.waves().get(0).targeted() == 5);
    assertThat(triggered.waves().get(0).unfinished()).isEqualTo(5);

    // Each reached install has its update waiting in Checking for its worker (the workflow runs on
    // the service; the check waits on the install's queue), findable by the rollout.
    for (UUID id : older) {
      WorkflowExecutionDescription d =
          client.newUntypedWorkflowStub(WorkflowIds.update(id.toString())).describe();
      assertThat(d.getTypedSearchAttributes().get(NebulaSearchAttributes.ROLLOUT_ID))
          .isEqualTo(rollout.rolloutId().toString());
      assertThat(d.getTypedSearchAttributes().get(NebulaSearchAttributes.UPDATE_STATE))
          .isIn("Idle", "Checking");
    }
    for (UUID untouched : List.of(current, beta)) {
      assertThatThrownBy(
              () ->
                  client
                      .newUntypedWorkflowStub(WorkflowIds.update(untouched.toString()))
                      .describe())
          .as("an install already on the version, or in another mode, gets no update")
          .isInstanceOf(WorkflowNotFoundException.class);
    }

    RecordActivitiesImpl recorder = new RecordActivitiesImpl(nebula.services().updateProcesses());
    for (int i = 0; i < 5; i++) {
      endUpdate(
          recorder,
          older.get(i),
          i == 0 ? UpdateState.UPDATE_FAILED : UpdateState.UPDATE_SUCCESSFUL);
    }
    RolloutInfo done = awaitRollout(rollout.rolloutId(), r -> r.state().equals("Completed"));
    RolloutInfo.WaveInfo wave = done.waves().get(0);
    assertThat(wave.state()).isEqualTo("Succeeded");
    assertThat(List.of(wave.targeted(), wave.succeeded(), wave.failed()))
        .containsExactly(5L, 4L, 1L);
    assertThat(wave.reason())
        .isEqualTo("wave 1 (100%): all 5 updates ended (4 succeeded, 1 failed, 0 cancelled)");
    assertThat(done.states())
        .extracting(RolloutInfo.StatePeriod::state)
        .containsExactly("Running", "Completed");
  }

  /** Records an update's start and end as its workflow would, under the run the wave started. */
  private void endUpdate(RecordActivitiesImpl recorder, UUID installId, UpdateState end) {
    String workflowId = WorkflowIds.update(installId.toString());
    String runId = client.newUntypedWorkflowStub(workflowId).describe().getExecution().getRunId();
    boolean failed = end == UpdateState.UPDATE_FAILED;
    RecordReceipt receipt =
        recorder.record(
            new UpdateRecord(
                null,
                installId.toString(),
                workflowId,
                runId,
                "v-sekai",
                "stable",
                null,
                "0.2.0",
                UpdateState.UPDATE_AVAILABLE,
                null,
                null,
                null,
                0,
                10,
                1,
                UpdateTrigger.ROLLOUT,
                null,
                Instant.now()));
    assertThat(receipt.updateProcessId())
        .isEqualTo(UpdateProcessIds.forRun(workflowId, runId).toString());
    recorder.record(
        new UpdateRecord(
            receipt.updateProcessId(),
            installId.toString(),
            workflowId,
            runId,
            "v-sekai",
            "stable",
            null,
            "0.2.0",
            end,
            failed ? UpdateState.CHECKING : null,
            failed ? "UntrustedKey" : null,
            failed ? "not our key" : null,
            10,
            10,
            1,
            UpdateTrigger.ROLLOUT,
            null,
            Instant.now()));
  }

  @Test
  void pauseResumeAndAbortReachTheWorkflowAndItsTables() throws Exception {
    // Its own mode, so that no install of another test (whose update may still be open) is in it.
    catalogMode("pausing");
    // In the first wave, which then waits for its update, so the second is still to come.
    install(idInWave(50), "pausing", "0.1.0");
    RolloutInfo rollout =
        api.post("api/v1/rollouts", start("pausing", List.of(50, 100), 3600)).as(RolloutInfo.class);

    assertThat(api.post("api/v1/rollouts/" + rollout.rolloutId() + "/pause", "").status())
        .isEqualTo(202);
    awaitRollout(rollout.rolloutId(), r -> r.state().equals("Paused"));
    assertThat(api.post("api/v1/rollouts/" + rollout.rolloutId() + "/resume", "").status())
        .isEqualTo(202);
    awaitRollout(rollout.rolloutId(), r -> r.state().equals("Running"));
    ApiClient.Reply aborted =
        api.post(
            "api/v1/rollouts/" + rollout.rolloutId() + "/abort",
            new RolloutAbortRequest("a crash on start"));
    assertThat(aborted.status()).isEqualTo(202);

    RolloutInfo done = awaitRollout(rollout.rolloutId(), r -> r.state().equals("Aborted"));
    assertThat(done.reason()).isEqualTo("aborted: a crash on start");
    assertThat(done.states())
        .extracting(RolloutInfo.StatePeriod::state)
        .containsExactly("Running", "Paused", "Running", "Aborted");
    assertThat(done.waves().get(1).state()).isEqualTo("Skipped");
    ApiClient.Reply again = api.post("api/v1/rollouts/" + rollout.rolloutId() + "/pause", "");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error())
        .isEqualTo("rollout " + rollout.rolloutId() + " has ended (Aborted); nothing to pause");
  }

  @Test
  void badRequestsAreRefusedWithTheReasonAndWritesNeedTheToken() {
    assertThat(api.withToken(null).post("api/v1/rollouts", start(List.of(100), 60)).status())
        .isEqualTo(401);
    assertError(
        api.post("api/v1/rollouts", start(List.of(50, 10), 60)),
        400,
        "wave percentages must rise strictly from 1 to 100, e.g. 1,10,50,100; not [50, 10]");
    assertError(
        api.post(
            "api/v1/rollouts",
            new RolloutStart("v-sekai", "0.2.0", "stable", null, 1.5, null, null)),
        400,
        "the failure threshold must be from 0 to 1, not 1.5");
    assertError(
        api.post(
            "api/v1/rollouts",
            new RolloutStart("v-sekai", "9.9.9", "stable", null, null, null, null)),
        404,
        "v-sekai 9.9.9 does not exist");
    assertError(
        api.post(
            "api/v1/rollouts",
            new RolloutStart("v-sekai", "0.2.0", "nightly", null, null, null, null)),
        404,
        "mode 'nightly' does not exist");
    assertError(
        api.post(
            "api/v1/rollouts",
            new RolloutStart("v-sekai", "0.2.0", "stable", null, null, 0L, null)),
        400,
        "waveDeadlineSeconds must be from 1 to 31536000, not 0");
    assertError(
        api.post(
            "api/v1/rollouts",
            "{\"product\":\"v-sekai\",\"version\":\"0.2.0\",\"mode\":\"stable\",\"wavez\":[1]}"),
        400,
        null);
    assertError(api.get("api/v1/rollouts/" + UUID.randomUUID()), 404, null);
    assertError(
        api.get("api/v1/rollouts/not-a-uuid"),
        400,
        "'not-a-uuid' is not a valid rollout id (a UUID)");
    assertError(
        api.post(
            "api/v1/rollouts/schedules",
            new RolloutScheduleRequest(start(List.of(100), 60), null, null)),
        400,
        "give either cron or startAt");
    assertError(
        api.post(
            "api/v1/rollouts/schedules",
            new RolloutScheduleRequest(
                start(List.of(100), 60), null, Instant.parse("2001-01-01T00:00:00Z"))),
        400,
        "startAt 2001-01-01T00:00:00Z is not in the future");
  }

  @Test
  void withoutTemporalReadsWorkAndWritesAre503() throws Exception {
    try (EmbeddedNebulaService alone = EmbeddedNebulaService.start(dir.resolve("no-temporal"))) {
      ApiClient a = new ApiClient(alone.baseUrl(), alone.publisherToken());
      assertThat(a.get("api/v1/rollouts").status()).isEqualTo(200);
      assertError(
          a.post("api/v1/rollouts", start(List.of(100), 60)),
          503,
          "rollouts need Temporal, and this service has none configured (temporal.target)");
    }
  }

  private void catalogMode(String name) {
    nebula.services().catalog().modes().create(name, null, null);
  }

  private static void assertError(ApiClient.Reply reply, int status, String message) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    if (message != null) {
      assertThat(reply.error()).isEqualTo(message);
    } else {
      assertThat(reply.error()).isNotBlank();
    }
  }

  private RolloutInfo awaitRollout(UUID id, Predicate<RolloutInfo> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    RolloutInfo last = null;
    while (System.nanoTime() < deadline) {
      last = api.get("api/v1/rollouts/" + id).as(RolloutInfo.class);
      if (condition.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("rollout " + id + " never got there; last seen: " + last);
  }

  private void publishOneFileRelease(String version) throws Exception {
    Path file = Files.writeString(dir.resolve("game-" + version + ".bin"), "V-Sekai " + version);
    var index =
        new IndexMaker(ChunkSizes.DEFAULT).store(nebula.services().chunkStore()).make(file).index();
    byte[] caibx = CaibxWriter.toBytes(index);
    String sha = Sha256.hex(caibx);
    nebula.services().indexStore().put(sha, caibx);
    nebula
        .services()
        .releasePublisher()
        .publish(
            new ReleaseRequest(
                "v-sekai",
                version,
                "stable",
                "game.bin",
                new ReleaseManifest.ChunkingParameters(16384, 65536, 262144),
                List.of(new ManifestFile("game.bin", Files.size(file), "0755", sha)),
                null));
  }
}
