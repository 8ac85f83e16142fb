package org.vsekai.nebula.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import org.vsekai.nebula.workflows.LauncherWorkflowImpl;
import org.vsekai.nebula.workflows.TaskQueues;
import org.vsekai.nebula.workflows.UpdateOutcome;
import org.vsekai.nebula.workflows.UpdateRequest;
import org.vsekai.nebula.workflows.UpdateResult;
import org.vsekai.nebula.workflows.UpdateTrigger;
import org.vsekai.nebula.workflows.UpdateWorkflowImpl;
import org.vsekai.nebula.workflows.client.UpdateStarter;

/** The real workflows and activities on an install worker, on Temporal's in-memory test server. */
@Tag("integration")
class InstallWorkerTest {
  @TempDir Path dir;
  private TestWorkflowEnvironment env;
  private FakeReleaseService service;
  private LauncherFolder folder;
  private InstallState state;
  private final InMemoryRecorder recorder = new InMemoryRecorder();

  @BeforeEach
  void setUp() throws Exception {
    env = TestWorkflowEnvironment.newInstance();
    for (String attribute :
        new String[] {"InstallId", "Product", "Mode", "FromVersion", "ToVersion", "UpdateState"}) {
      env.registerSearchAttribute(attribute, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    Worker serviceWorker = env.newWorker(TaskQueues.SERVICE);
    serviceWorker.registerWorkflowImplementationTypes(
        UpdateWorkflowImpl.class, LauncherWorkflowImpl.class);
    serviceWorker.registerActivitiesImplementations(recorder);
    env.start();
    service = new FakeReleaseService(dir.resolve("service"));
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
  }

  @AfterEach
  void tearDown() {
    env.close();
    service.close();
  }

  @Test
  void updatesAFolderThroughTheWorkflowAndRecordsIt() throws Exception {
    Path v1 = Builds.v1(dir.resolve("v1"));
    service.publish("0.1.0", "stable", v1, Instant.now().plus(Duration.ofDays(7)));
    try (InstallWorker worker =
        InstallWorker.start(env.getWorkflowClient(), folder, state, "vsekai uninstall", null)) {
      UpdateResult result =
          new UpdateStarter(env.getWorkflowClient())
              .startOrAttach(
                  UpdateRequest.latest(
                      state.installId(), "v-sekai", "stable", UpdateTrigger.MANUAL))
              .result();
      assertThat(result.outcome()).isEqualTo(UpdateOutcome.UPDATED);
      assertThat(result.toVersion()).isEqualTo("0.1.0");
      assertThat(Builds.contents(folder.current())).isEqualTo(Builds.contents(v1));
      assertThat(recorder.records).extracting(r -> r.state().name()).contains("UPDATE_SUCCESSFUL");

      UpdateResult again =
          new UpdateStarter(env.getWorkflowClient())
              .startOrAttach(
                  UpdateRequest.latest(
                      state.installId(), "v-sekai", "stable", UpdateTrigger.MANUAL))
              .result();
      assertThat(again.outcome()).isEqualTo(UpdateOutcome.NO_UPDATE);
    }
  }

  @Test
  void oneWorkerPerInstall() {
    try (InstallWorker first =
        InstallWorker.start(env.getWorkflowClient(), folder, state, "x", null)) {
      assertThat(first.taskQueue()).isEqualTo("install-" + state.installId());
      assertThatThrownBy(
              () -> InstallWorker.start(env.getWorkflowClient(), folder, state, "x", null))
          .isInstanceOf(WorkerBusyException.class)
          .hasMessageContaining("already serving");
    }
  }
}
