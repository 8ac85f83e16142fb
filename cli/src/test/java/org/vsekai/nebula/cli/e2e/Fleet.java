package org.vsekai.nebula.cli.e2e;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.vsekai.nebula.activities.DiskSpace;
import org.vsekai.nebula.activities.UpdateActivitiesImpl;
import org.vsekai.nebula.activities.local.InstallState;
import org.vsekai.nebula.activities.local.InstallStateFile;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.activities.registry.JsonRegistryFile;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.rest.InstallRegistration;
import org.vsekai.nebula.workflows.LauncherWorkflowImpl;
import org.vsekai.nebula.workflows.TaskQueues;
import org.vsekai.nebula.workflows.UpdateWorkflowImpl;
import org.vsekai.nebula.workflows.rollout.WaveBuckets;

/**
 * A simulated fleet in this JVM: each install a registered, empty launcher folder of its own,
 * served on its own task queue by the worker a player's machine runs ({@code InstallWorker}'s
 * composition: the update and launcher workflows, the update activities bound to the folder). Two
 * things differ, so that a hundred fit in one JVM on a small machine: one worker factory for all,
 * with one poller of each kind per install instead of the SDK's several (a player's machine serves
 * one install, a hundred here would keep over a thousand long polls open against the dev server);
 * and registry values go to a folder of the test, not the user's config.
 */
final class Fleet implements AutoCloseable {
  /** One install of the fleet. */
  record Member(String installId, LauncherFolder folder, InstallState state) {}

  private static final WorkerOptions ONE_POLLER_EACH =
      WorkerOptions.newBuilder()
          .setMaxConcurrentWorkflowTaskPollers(2) // the SDK's least: one for the sticky queue
          .setMaxConcurrentActivityTaskPollers(1)
          .setMaxConcurrentActivityExecutionSize(4)
          .build();

  private final List<Member> members;
  private final WorkerFactory factory;

  private Fleet(List<Member> members, WorkerFactory factory) {
    this.members = members;
    this.factory = factory;
  }

  /**
   * Registers {@code size} installs of v-sekai following {@code mode}, with ids chosen so that
   * exactly {@code inFirstPercent} of them fall in the first {@code firstPercent} percent of wave
   * buckets (so a test knows a wave's size in advance), and starts their workers.
   */
  static Fleet start(
      Path dir,
      int size,
      int firstPercent,
      int inFirstPercent,
      ServiceClient service,
      String publicKey,
      WorkflowClient client,
      String temporalAddress,
      String mode) {
    List<Member> members = new ArrayList<>(size);
    WorkerFactory factory = WorkerFactory.newInstance(client);
    JsonRegistryFile registry = new JsonRegistryFile(dir.resolve("registry"));
    int inside = 0;
    for (int n = 0; members.size() < size; n++) {
      String id =
          UUID.nameUUIDFromBytes(("fleet-install-" + n).getBytes(StandardCharsets.UTF_8))
              .toString();
      boolean first = WaveBuckets.reaches(firstPercent, id);
      if (first ? inside == inFirstPercent : members.size() - inside == size - inFirstPercent)
        continue;
      if (first) inside++;
      LauncherFolder folder =
          new LauncherFolder(dir.resolve(String.format("install-%03d", members.size())));
      InstallState state =
          new InstallState(
              id,
              "v-sekai",
              mode,
              service.base().toString(),
              publicKey,
              false,
              0,
              0,
              temporalAddress,
              "default");
      service.registerInstall(new InstallRegistration(UUID.fromString(id), "v-sekai", mode, null));
      new InstallStateFile(folder).write(state);
      members.add(new Member(id, folder, state));
      Worker worker = factory.newWorker(TaskQueues.forInstall(id), ONE_POLLER_EACH);
      worker.registerWorkflowImplementationTypes(
          UpdateWorkflowImpl.class, LauncherWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          new UpdateActivitiesImpl(
              folder,
              new ServiceClient(URI.create(state.serviceUrl()), null),
              registry,
              Clock.systemUTC(),
              DiskSpace.REAL,
              "vsekai uninstall"));
    }
    factory.start();
    return new Fleet(members, factory);
  }

  List<Member> members() {
    return members;
  }

  List<Member> where(Predicate<Member> condition) {
    return members.stream().filter(condition).toList();
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
  }
}
