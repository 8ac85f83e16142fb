package org.vsekai.nebula.cli.e2e;

import io.temporal.client.WorkflowClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.vsekai.nebula.activities.local.InstallState;
import org.vsekai.nebula.activities.local.InstallStateFile;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.rest.InstallRegistration;
import org.vsekai.nebula.worker.InstallWorker;
import org.vsekai.nebula.workflows.rollout.WaveBuckets;

/**
 * A simulated fleet in this JVM: each install a registered, empty launcher folder of its own
 * with a real {@link InstallWorker} serving its own task queue, as on a player's machine.
 */
final class Fleet implements AutoCloseable {
  /** One install of the fleet. */
  record Member(String installId, LauncherFolder folder, InstallState state) {}

  private final List<Member> members;
  private final List<InstallWorker> workers;

  private Fleet(List<Member> members, List<InstallWorker> workers) {
    this.members = members;
    this.workers = workers;
  }

  /**
   * Registers {@code size} installs of v-sekai following {@code mode}, with ids chosen so that
   * exactly {@code inFirstPercent} of them fall in the first {@code firstPercent} percent of
   * wave buckets (so a test knows a wave's size in advance), and starts their workers.
   */
  static Fleet start(Path dir, int size, int firstPercent, int inFirstPercent, ServiceClient service, String publicKey,
      WorkflowClient client, String temporalAddress, String mode) {
    List<Member> members = new ArrayList<>(size);
    List<InstallWorker> workers = new ArrayList<>(size);
    int inside = 0;
    for (int n = 0; members.size() < size; n++) {
      String id = UUID.nameUUIDFromBytes(("fleet-install-" + n).getBytes(StandardCharsets.UTF_8)).toString();
      boolean first = WaveBuckets.reaches(firstPercent, id);
      if (first ? inside == inFirstPercent : members.size() - inside == size - inFirstPercent) continue;
      if (first) inside++;
      LauncherFolder folder = new LauncherFolder(dir.resolve(String.format("install-%03d", members.size())));
      InstallState state = new InstallState(id, "v-sekai", mode, service.base().toString(), publicKey, false, 0, 0,
          temporalAddress, "default");
      service.registerInstall(new InstallRegistration(UUID.fromString(id), "v-sekai", mode, null));
      new InstallStateFile(folder).write(state);
      members.add(new Member(id, folder, state));
      workers.add(InstallWorker.start(client, folder, state, "vsekai uninstall"));
    }
    return new Fleet(members, workers);
  }

  List<Member> members() {
    return members;
  }

  List<Member> where(Predicate<Member> condition) {
    return members.stream().filter(condition).toList();
  }

  /** Stops every worker at once: each waits for its pollers, which would add up one by one. */
  @Override
  public void close() {
    workers.parallelStream().forEach(InstallWorker::close);
  }
}
