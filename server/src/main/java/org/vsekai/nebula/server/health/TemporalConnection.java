package org.vsekai.nebula.server.health;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.lifecycle.Managed;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.concurrent.TimeUnit;

/**
 * The service's connection to the Temporal frontend: made when configured, closed with the service,
 * and probed by a health check (gRPC health of the frontend).
 */
public final class TemporalConnection extends HealthCheck implements Managed {
  private final String target;
  private WorkflowServiceStubs stubs;

  public TemporalConnection(String target) {
    this.target = target;
  }

  /** The stubs, connected lazily on first use. */
  public synchronized WorkflowServiceStubs stubs() {
    if (stubs == null) {
      stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    }
    return stubs;
  }

  @Override
  protected Result check() {
    try {
      var response = stubs().healthCheck();
      String status = response.getStatus().name();
      return "SERVING".equals(status)
          ? Result.healthy("Temporal at " + target + " is serving")
          : Result.unhealthy("Temporal at " + target + " reports " + status);
    } catch (RuntimeException e) {
      return Result.unhealthy("Temporal at " + target + " is unreachable: " + e.getMessage());
    }
  }

  @Override
  public void start() {}

  @Override
  public synchronized void stop() throws InterruptedException {
    if (stubs == null) {
      return;
    }
    stubs.shutdown();
    stubs.awaitTermination(10, TimeUnit.SECONDS);
    stubs = null;
  }
}
