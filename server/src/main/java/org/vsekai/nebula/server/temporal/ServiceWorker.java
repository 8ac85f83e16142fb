package org.vsekai.nebula.server.temporal;

import io.dropwizard.lifecycle.Managed;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.concurrent.TimeUnit;
import org.vsekai.nebula.schema.RolloutRepository;
import org.vsekai.nebula.server.NebulaServices;
import org.vsekai.nebula.server.patches.PatchActivitiesImpl;
import org.vsekai.nebula.server.patches.PatchWorkflowImpl;
import org.vsekai.nebula.server.rollout.RolloutActivitiesImpl;
import org.vsekai.nebula.server.rollout.WaveTriggerer;
import org.vsekai.nebula.server.tuf.TufRefreshActivitiesImpl;
import org.vsekai.nebula.server.tuf.TufRefreshWorkflowImpl;
import org.vsekai.nebula.workflows.LauncherWorkflowImpl;
import org.vsekai.nebula.workflows.TaskQueues;
import org.vsekai.nebula.workflows.UpdateWorkflowImpl;
import org.vsekai.nebula.workflows.rollout.RolloutWorkflowImpl;

/**
 * The service's Temporal worker on {@code nebula-service}: every workflow (updates, launchers,
 * rollouts, the TUF refresh, patches) and the server-side activities (recording updates, rollout
 * waves, signing TUF metadata), started and stopped with the service. Workflow code runs here and
 * nowhere else: players' machines run only their own install's activities, through the install
 * gateway.
 */
public final class ServiceWorker implements Managed {
  private final WorkerFactory factory;

  /**
   * @param client the service's client, in its namespace; also what rollouts start updates with
   */
  public ServiceWorker(WorkflowClient client, RolloutRepository rollouts, NebulaServices services) {
    this.factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(TaskQueues.SERVICE);
    worker.registerActivitiesImplementations(new RecordActivitiesImpl(services.updateProcesses()));
    worker.registerWorkflowImplementationTypes(
        UpdateWorkflowImpl.class,
        LauncherWorkflowImpl.class,
        RolloutWorkflowImpl.class,
        TufRefreshWorkflowImpl.class,
        PatchWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new RolloutActivitiesImpl(rollouts, new WaveTriggerer(rollouts, client)));
    worker.registerActivitiesImplementations(
        new TufRefreshActivitiesImpl(services.tuf().publisher()));
    worker.registerActivitiesImplementations(new PatchActivitiesImpl(services.patchJobs()));
  }

  @Override
  public void start() {
    factory.start();
  }

  @Override
  public void stop() {
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
  }
}
