package org.vsekai.nebula.server.temporal;

import io.dropwizard.lifecycle.Managed;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.util.concurrent.TimeUnit;
import org.vsekai.nebula.server.NebulaServices;
import org.vsekai.nebula.workflows.TaskQueues;

/**
 * The service's Temporal worker on {@code nebula-service}: server-side activities (recording
 * updates), started and stopped with the service.
 */
public final class ServiceWorker implements Managed {
  private final WorkerFactory factory;

  public ServiceWorker(WorkflowServiceStubs stubs, String namespace, NebulaServices services) {
    WorkflowClient client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
    this.factory = WorkerFactory.newInstance(client);
    factory.newWorker(TaskQueues.SERVICE).registerActivitiesImplementations(new RecordActivitiesImpl(services.updateProcesses()));
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
