package org.vsekai.nebula.gateway;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.vsekai.nebula.workflows.TaskQueues;

public class ProbeWorkflowImpl implements ProbeWorkflow {
  @Override
  public String run(String installId) {
    ProbeActivities install =
        Workflow.newActivityStub(
            ProbeActivities.class,
            ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.forInstall(installId))
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    return install.echo("hello " + installId);
  }

  @Override
  public void poke() {}
}
