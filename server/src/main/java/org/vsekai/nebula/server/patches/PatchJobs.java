package org.vsekai.nebula.server.patches;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.workflows.TaskQueues;

/**
 * Starts the making of a release's patches after it is published, and runs it. With Temporal it is
 * a workflow on the service's queue, {@code nebula-patches-<product>-<version>}, so a restart
 * resumes it; without Temporal (a service configured with none) it runs on a background thread.
 * Publishing never waits for it.
 */
public final class PatchJobs {
  private static final Logger LOG = LoggerFactory.getLogger(PatchJobs.class);

  private final PatchMaker maker;
  private final Runnable afterPatches;
  private volatile WorkflowClient client;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final ExecutorService local =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "patches");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param afterPatches run once patches were recorded (the TUF refresh that lists them)
   */
  public PatchJobs(PatchMaker maker, Runnable afterPatches) {
    this.maker = maker;
    this.afterPatches = afterPatches;
  }

  /** From now on, jobs run as workflows of this client's namespace. */
  public void useTemporal(WorkflowClient client) {
    this.client = client;
  }

  public static String workflowId(String product, String version) {
    return "nebula-patches-" + product + "-" + version;
  }

  /**
   * Whether every job this process asked for has finished (a demo waits for it; a job that keeps
   * failing stays pending).
   */
  public boolean idle() {
    return pending.isEmpty();
  }

  /** Asks for a release's patches; never throws, as the release is complete without them. */
  public void request(String product, String version) {
    WorkflowClient c = client;
    pending.add(product + " " + version);
    try {
      if (c == null) {
        local.execute(() -> runLogged(product, version));
        return;
      }
      PatchWorkflow workflow =
          c.newWorkflowStub(
              PatchWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue(TaskQueues.SERVICE)
                  .setWorkflowId(workflowId(product, version))
                  .setWorkflowIdReusePolicy(
                      WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
                  .build());
      WorkflowClient.start(workflow::makePatches, product, version);
    } catch (WorkflowExecutionAlreadyStarted e) {
      // Made, or being made by another start of this service.
      pending.remove(product + " " + version);
    } catch (RuntimeException e) {
      pending.remove(product + " " + version);
      LOG.warn(
          "could not start making the patches of {} {}; it is served by chunks: {}",
          product,
          version,
          e.getMessage());
    }
  }

  /** Makes the patches now; what the activity and the background thread run. */
  public PatchMaker.Report run(String product, SemVer version, Runnable heartbeat)
      throws IOException {
    PatchMaker.Report report = maker.make(product, version, heartbeat);
    if (report.made() > 0) {
      afterPatches.run();
    }
    pending.remove(product + " " + version.toString());
    if (report.changedBytes() > 0) {
      LOG.info(
          "patches of {} {}: {} made, {} skipped, {} CPU s per GB changed",
          product,
          version,
          report.made(),
          report.skipped(),
          String.format(
              "%.1f", report.cpuNanos() / 1e9 / (report.changedBytes() / (double) (1L << 30))));
    }
    return report;
  }

  private void runLogged(String product, String version) {
    try {
      run(product, SemVer.parse(version), () -> {});
    } catch (IOException | RuntimeException e) {
      LOG.warn("making the patches of {} {} failed; it is served by chunks", product, version, e);
    }
  }
}
