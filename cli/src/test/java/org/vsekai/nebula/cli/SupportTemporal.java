package org.vsekai.nebula.cli;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;

/**
 * Temporal as support staff and the tests see it: directly, in its namespace. No player's command
 * does this; they go through the service and its install gateway.
 */
public final class SupportTemporal {
  private SupportTemporal() {}

  public static WorkflowClient connect(String address) {
    return WorkflowClient.newInstance(
        WorkflowServiceStubs.newConnectedServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address).build(),
            Duration.ofSeconds(10)),
        WorkflowClientOptions.newBuilder().setNamespace("default").build());
  }
}
