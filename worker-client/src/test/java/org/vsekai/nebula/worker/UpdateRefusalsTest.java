package org.vsekai.nebula.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.activities.local.InstallState;
import org.vsekai.nebula.activities.local.InstallStateFile;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.activities.testing.Builds;
import org.vsekai.nebula.activities.testing.FakeReleaseService;
import org.vsekai.nebula.api.manifest.Ed25519Keys;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.manifest.ReleaseManifest;
import org.vsekai.nebula.api.manifest.SignedManifest;
import org.vsekai.nebula.api.tuf.Metadata;
import org.vsekai.nebula.api.tuf.MetadataBuilder;
import org.vsekai.nebula.api.tuf.TufSigner;
import org.vsekai.nebula.desync.CaibxReader;
import org.vsekai.nebula.desync.ChunkId;
import org.vsekai.nebula.workflows.LauncherWorkflowImpl;
import org.vsekai.nebula.workflows.TaskQueues;
import org.vsekai.nebula.workflows.UpdateFailures;
import org.vsekai.nebula.workflows.UpdateOutcome;
import org.vsekai.nebula.workflows.UpdateRequest;
import org.vsekai.nebula.workflows.UpdateTrigger;
import org.vsekai.nebula.workflows.UpdateWorkflowImpl;
import org.vsekai.nebula.workflows.client.UpdateHandle;
import org.vsekai.nebula.workflows.client.UpdateStarter;

/**
 * Every release a client must refuse, through the real workflow and activities: the update fails
 * with the reason in its failure, and the installed release is untouched.
 */
@Tag("integration")
class UpdateRefusalsTest {
  private static final Instant NEXT_WEEK = Instant.now().plus(Duration.ofDays(7));
  @TempDir Path dir;
  private TestWorkflowEnvironment env;
  private FakeReleaseService service;
  private LauncherFolder folder;
  private InstallState state;
  private InstallWorker worker;
  private Path v2;
  private Map<String, String> installed;

  @BeforeEach
  void installV1() throws Exception {
    env = TestWorkflowEnvironment.newInstance();
    for (String a :
        new String[] {"InstallId", "Product", "Mode", "FromVersion", "ToVersion", "UpdateState"}) {
      env.registerSearchAttribute(a, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    Worker serviceWorker = env.newWorker(TaskQueues.SERVICE);
    serviceWorker.registerWorkflowImplementationTypes(
        UpdateWorkflowImpl.class, LauncherWorkflowImpl.class);
    serviceWorker.registerActivitiesImplementations(new InMemoryRecorder());
    env.start();
    service = new FakeReleaseService(dir.resolve("service"));
    Path v1 = Builds.v1(dir.resolve("v1"));
    v2 = Builds.v2(v1, dir.resolve("v2"));
    service.publish("0.1.0", "stable", v1, NEXT_WEEK);
    folder = new LauncherFolder(dir.resolve("launcher"));
    state =
        new InstallState(
            UUID.randomUUID().toString(),
            "v-sekai",
            "stable",
            service.url().toString(),
            service.publicKey(),
            false,
            0,
            0,
            null,
            null,
            false,
            null,
            0);
    new InstallStateFile(folder).write(state);
    worker = InstallWorker.start(env.getWorkflowClient(), folder, state, "x", null);
    assertThat(update().result().outcome()).isEqualTo(UpdateOutcome.UPDATED);
    installed = Builds.contents(folder.current());
  }

  @AfterEach
  void tearDown() {
    worker.close();
    env.close();
    service.close();
  }

  private UpdateHandle update() {
    return new UpdateStarter(env.getWorkflowClient())
        .startOrAttach(
            UpdateRequest.latest(state.installId(), "v-sekai", "stable", UpdateTrigger.MANUAL));
  }

  private void assertRefused(String type, String message) throws Exception {
    assertThatThrownBy(() -> update().result())
        .isInstanceOf(WorkflowFailedException.class)
        .satisfies(
            e -> {
              ApplicationFailure f = (ApplicationFailure) e.getCause();
              assertThat(f.getType()).isEqualTo(type);
              assertThat(f.getOriginalMessage()).contains(message);
            });
    assertThat(Builds.contents(folder.current())).isEqualTo(installed);
  }

  @Test
  void aTamperedManifest() throws Exception {
    service.publish("0.2.0", "stable", v2, NEXT_WEEK);
    SignedManifest s = service.manifest("0.2.0");
    String json = new String(s.payloadBytes()).replaceFirst("\"size\":(\\d+)", "\"size\":1$1");
    service.serve(
        "0.2.0",
        new SignedManifest(
            s.payloadType(), Base64.getEncoder().encodeToString(json.getBytes()), s.signatures()));
    // One byte more than the signed length: the download stops there.
    assertRefused(UpdateFailures.ENDLESS_DATA, "longer than");
  }

  @Test
  void metadataSignedWithAnotherKey() throws Exception {
    service.publish("0.2.0", "stable", v2, NEXT_WEEK);
    Metadata real = Metadata.parse(service.tuf().file("timestamp.json"), "timestamp");
    ObjectNode forged = (ObjectNode) real.signed();
    forged.put("version", real.version() + 1);
    KeyPair other = Ed25519Keys.generate();
    service
        .tuf()
        .serveInstead(
            "timestamp.json", MetadataBuilder.sign(forged, List.of(new TufSigner(other))));
    assertRefused(UpdateFailures.UNTRUSTED_METADATA, "valid signature");
  }

  @Test
  void frozenMetadata() throws Exception {
    service.publish("0.2.0", "stable", v2, NEXT_WEEK);
    service.tuf().serveExpiredTimestamp();
    assertRefused(UpdateFailures.EXPIRED_METADATA, "expired");
  }

  @Test
  void anOldManifestReplayedForANewVersion() throws Exception {
    // An old release's genuine manifest served as the answer for a newer version: the signed
    // targets name other bytes for 0.2.0.
    service.publish("0.0.5", "beta", v2, NEXT_WEEK);
    service.publish("0.2.0", "stable", v2, NEXT_WEEK);
    service.serve("0.2.0", service.manifest("0.0.5"));
    assertRefused(UpdateFailures.HASH_MISMATCH, "manifest.json");
  }

  @Test
  void aPathEscapingTheFolder() throws Exception {
    service.publish(
        "0.2.0",
        "stable",
        v2,
        NEXT_WEEK,
        m ->
            new ReleaseManifest(
                m.schemaVersion(),
                m.product(),
                m.version(),
                m.mode(),
                m.created(),
                m.expires(),
                m.chunking(),
                m.executablePath(),
                List.of(
                    new ManifestFile(
                        "../x", m.files().get(0).size(), "0644", m.files().get(0).indexSha256()))));
    assertRefused(UpdateFailures.UNSAFE_PATH, "'../x' is unsafe");
    assertThat(dir.resolve("x")).doesNotExist();
  }

  @Test
  void aCorruptChunkServed() throws Exception {
    ReleaseManifest m = service.publish("0.2.0", "stable", v2, NEXT_WEEK);
    // a chunk of the file that changed, so the update must download it
    ManifestFile world =
        m.files().stream()
            .filter(f -> f.path().equals("data/new-map.pck"))
            .findFirst()
            .orElseThrow();
    ChunkId id =
        CaibxReader.read(dir.resolve("service/index/" + world.indexSha256() + ".caibx"))
            .chunks()
            .get(0)
            .id();
    service.corruptChunk(id);
    assertRefused(UpdateFailures.CORRUPT_CHUNK, "chunk " + id);
  }
}
