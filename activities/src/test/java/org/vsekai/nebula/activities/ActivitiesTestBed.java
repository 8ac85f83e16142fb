package org.vsekai.nebula.activities;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.vsekai.nebula.activities.local.InstallState;
import org.vsekai.nebula.activities.local.InstallStateFile;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.activities.registry.RegistryWriter;
import org.vsekai.nebula.activities.testing.FakeReleaseService;
import org.vsekai.nebula.workflows.activities.ApplyRequest;
import org.vsekai.nebula.workflows.activities.CheckRequest;
import org.vsekai.nebula.workflows.activities.DownloadBatchRequest;
import org.vsekai.nebula.workflows.activities.FinalizeRequest;
import org.vsekai.nebula.workflows.activities.PrepareRequest;
import org.vsekai.nebula.workflows.activities.RegistryRequest;
import org.vsekai.nebula.workflows.activities.UpdateActivities;
import org.vsekai.nebula.workflows.activities.UpdatePlan;

/**
 * An install folder with the activities bound to it, run in Temporal's activity test environment.
 */
final class ActivitiesTestBed implements AutoCloseable {
  final LauncherFolder folder;
  final FakeReleaseService service;
  final String installId = UUID.randomUUID().toString();
  final Path registryDir;
  final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  final UpdateActivities activities;
  final UpdateActivitiesImpl impl;

  ActivitiesTestBed(Path dir, FakeReleaseService service, DiskSpace disk) throws IOException {
    this.folder = new LauncherFolder(dir.resolve("launcher"));
    this.service = service;
    this.registryDir = dir.resolve("config");
    new InstallStateFile(folder)
        .write(
            new InstallState(
                installId,
                "v-sekai",
                "stable",
                service.url().toString(),
                service.publicKey(),
                true,
                60,
                0,
                installId + ".test-credential",
                null,
                false,
                null,
                0));
    impl =
        new UpdateActivitiesImpl(
            folder,
            service.client(),
            RegistryWriter.jsonIn(registryDir),
            Clock.systemUTC(),
            disk,
            "vsekai uninstall " + folder.root());
    env.registerActivitiesImplementations(impl);
    activities =
        env.newActivityStub(
            UpdateActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(5))
                .setHeartbeatTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  /** Runs check through finalize and registry, as the workflow would, in two download batches. */
  UpdatePlan update(String toVersion) {
    String installed =
        activities
            .check(new CheckRequest(installId, "v-sekai", "stable", null, null))
            .installedVersion();
    UpdatePlan plan =
        activities.prepare(
            new PrepareRequest(installId, "v-sekai", "stable", installed, toVersion, false));
    for (int b = 0; b < 2; b++) {
      activities.downloadChunks(new DownloadBatchRequest(plan.planId(), b, 2, 0));
    }
    activities.apply(new ApplyRequest(plan.planId()));
    activities.finalizeUpdate(new FinalizeRequest(plan.planId(), toVersion));
    activities.updateRegistry(new RegistryRequest(installId, "v-sekai", "stable", toVersion));
    return plan;
  }

  @Override
  public void close() {
    env.close();
  }
}
