package org.vsekai.nebula.cli.e2e;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.vsekai.nebula.activities.DiskSpace;
import org.vsekai.nebula.activities.UpdateActivitiesImpl;
import org.vsekai.nebula.activities.local.InstallState;
import org.vsekai.nebula.activities.local.InstallStateFile;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.activities.registry.JsonRegistryFile;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.server.EmbeddedNebulaService;
import org.vsekai.nebula.worker.GatewayConnection;
import org.vsekai.nebula.workflows.TaskQueues;
import org.vsekai.nebula.workflows.rollout.WaveBuckets;

/**
 * A simulated fleet in this JVM: each install registered with the service as a player's is (the
 * service picks its id and issues its credential), a launcher folder of its own, and the worker a
 * player's machine runs: activities only, one poller, reaching Temporal through the service's
 * install gateway with the install's own credential. One thing differs: registry values go to a
 * folder of the test, not the user's config.
 */
final class Fleet implements AutoCloseable {
  /** One install of the fleet. */
  record Member(String installId, LauncherFolder folder, InstallState state) {}

  private static final WorkerOptions ONE_POLLER =
      WorkerOptions.newBuilder()
          .setMaxConcurrentActivityTaskPollers(1)
          .setMaxConcurrentActivityExecutionSize(4)
          .build();

  private final List<Member> members;
  private final List<WorkerFactory> factories;

  private Fleet(List<Member> members, List<WorkerFactory> factories) {
    this.members = members;
    this.factories = factories;
  }

  /**
   * Registers {@code size} installs of v-sekai following {@code mode} such that exactly {@code
   * inFirstPercent} of them fall in the first {@code firstPercent} percent of wave buckets (so a
   * test knows a wave's size in advance), and starts their workers. The service picks ids, so
   * installs beyond either count are moved to {@code spareMode}, which no rollout here targets.
   */
  static Fleet start(
      Path dir,
      int size,
      int firstPercent,
      int inFirstPercent,
      EmbeddedNebulaService nebula,
      String mode,
      String spareMode) {
    List<Member> members = new ArrayList<>(size);
    List<WorkerFactory> factories = new ArrayList<>(size);
    JsonRegistryFile registry = new JsonRegistryFile(dir.resolve("registry"));
    int inside = 0;
    for (int n = 0; members.size() < size; n++) {
      LauncherFolder folder = new LauncherFolder(dir.resolve(String.format("install-%03d", n)));
      InstallState state = EndToEndRig.register(nebula, folder, mode, false);
      boolean first = WaveBuckets.reaches(firstPercent, state.installId());
      if (first ? inside == inFirstPercent : members.size() - inside == size - inFirstPercent) {
        new ServiceClient(nebula.baseUrl(), state.credential())
            .switchMode(state.installId(), spareMode);
        new InstallStateFile(folder).write(state.withMode(spareMode));
        continue;
      }
      if (first) {
        inside++;
      }
      members.add(new Member(state.installId(), folder, state));
      WorkflowClient client =
          new GatewayConnection(state.gateway(), state.gatewayTls(), null, state.credential())
              .connect();
      WorkerFactory factory = WorkerFactory.newInstance(client);
      Worker worker = factory.newWorker(TaskQueues.forInstall(state.installId()), ONE_POLLER);
      worker.registerActivitiesImplementations(
          new UpdateActivitiesImpl(
              folder,
              new ServiceClient(URI.create(state.serviceUrl()), null),
              registry,
              Clock.systemUTC(),
              DiskSpace.REAL,
              "vsekai uninstall"));
      factories.add(factory);
    }
    factories.forEach(WorkerFactory::start);
    return new Fleet(members, factories);
  }

  List<Member> members() {
    return members;
  }

  List<Member> where(Predicate<Member> condition) {
    return members.stream().filter(condition).toList();
  }

  @Override
  public void close() {
    factories.forEach(WorkerFactory::shutdown);
    for (WorkerFactory f : factories) {
      f.awaitTermination(10, TimeUnit.SECONDS);
      f.getWorkflowClient().getWorkflowServiceStubs().shutdown();
    }
  }
}
