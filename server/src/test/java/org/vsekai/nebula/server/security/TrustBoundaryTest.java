package org.vsekai.nebula.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.rest.InstallRegistered;
import org.vsekai.nebula.api.rest.InstallRegistration;
import org.vsekai.nebula.api.rest.UpdateStart;
import org.vsekai.nebula.server.EmbeddedNebulaService;
import org.vsekai.nebula.server.temporal.EmbeddedTemporal;
import org.vsekai.nebula.worker.GatewayConnection;
import org.vsekai.nebula.workflows.TaskQueues;
import org.vsekai.nebula.workflows.WorkflowIds;

/**
 * The trust boundary as the whole service draws it: installs registered over REST, their
 * credentials checked by the service's install gateway against the database, their updates run by
 * the service's workflows. With install A's credential nothing reaches install B, the service's
 * queue, workflows or the cluster's administration; with no credential, or a revoked one, nothing
 * is served at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class TrustBoundaryTest {
  @TempDir static Path dir;
  private EmbeddedTemporal temporal;
  private EmbeddedNebulaService nebula;
  private WorkflowClient support;
  private InstallRegistered a;
  private InstallRegistered b;
  private final List<WorkflowClient> clients = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    temporal = EmbeddedTemporal.start(0);
    nebula =
        EmbeddedNebulaService.start(
            dir.resolve("service"), Map.of("NEBULA_TEMPORAL_TARGET", temporal.address()));
    ServiceClient publisher = new ServiceClient(nebula.baseUrl(), nebula.publisherToken());
    publisher.createProduct("v-sekai");
    publisher.createMode("stable");
    ServiceClient anonymous = new ServiceClient(nebula.baseUrl(), null);
    a = anonymous.registerInstall(new InstallRegistration("v-sekai", "stable", null));
    b = anonymous.registerInstall(new InstallRegistration("v-sekai", "stable", null));
    // Support staff see Temporal directly; players never do.
    support =
        WorkflowClient.newInstance(
            WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.address()).build()),
            WorkflowClientOptions.newBuilder().setNamespace("default").build());
  }

  @AfterAll
  void stop() throws Exception {
    clients.forEach(c -> c.getWorkflowServiceStubs().shutdownNow());
    if (support != null) {
      support.getWorkflowServiceStubs().shutdownNow();
    }
    if (nebula != null) {
      nebula.close();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  void aPlayersCredentialReachesOnlyItsOwnTasks() throws Exception {
    // B asks for an update over REST: the service starts it; its check waits on B's queue.
    new ServiceClient(nebula.baseUrl(), b.credential())
        .startUpdate(b.installId().toString(), new UpdateStart(0, false));
    WorkflowExecution updateOfB = execution(WorkflowIds.update(b.installId().toString()));
    awaitScheduled(updateOfB);
    WorkflowServiceBlockingStub asA = stub(a.credential());
    WorkflowServiceBlockingStub asB = stub(b.credential());
    int eventsBefore = events(updateOfB);

    denied(() -> asA.pollActivityTaskQueue(poll(TaskQueues.forInstall(b.installId().toString()))));
    denied(() -> asA.pollActivityTaskQueue(poll(TaskQueues.SERVICE)));
    denied(
        () ->
            asA.startWorkflowExecution(
                StartWorkflowExecutionRequest.newBuilder()
                    .setNamespace("default")
                    .setWorkflowId(WorkflowIds.update(b.installId().toString()) + "-forged")
                    .setRequestId(UUID.randomUUID().toString())
                    .setWorkflowType(WorkflowType.newBuilder().setName("RolloutWorkflow"))
                    .setTaskQueue(TaskQueue.newBuilder().setName(TaskQueues.SERVICE))
                    .build()));
    denied(
        () ->
            asA.signalWorkflowExecution(
                SignalWorkflowExecutionRequest.newBuilder()
                    .setNamespace("default")
                    .setWorkflowExecution(updateOfB)
                    .setSignalName("cancel")
                    .build()));
    denied(
        () ->
            asA.terminateWorkflowExecution(
                TerminateWorkflowExecutionRequest.newBuilder()
                    .setNamespace("default")
                    .setWorkflowExecution(updateOfB)
                    .build()));
    denied(
        () ->
            OperatorServiceGrpc.newBlockingStub(asA.getChannel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(a.credential())))
                .listSearchAttributes(
                    ListSearchAttributesRequest.newBuilder().setNamespace("default").build()));

    // B's own worker takes its task; A cannot complete it with B's token.
    PollActivityTaskQueueResponse taskOfB =
        asB.pollActivityTaskQueue(poll(TaskQueues.forInstall(b.installId().toString())));
    assertThat(taskOfB.getActivityType().getName()).isEqualTo("Check");
    denied(() -> asA.respondActivityTaskCompleted(complete(taskOfB.getTaskToken())));

    assertThat(status(updateOfB))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(events(updateOfB))
        .as("only B's own poll added to the history (ActivityTaskStarted)")
        .isLessThanOrEqualTo(eventsBefore + 1);
    support.newUntypedWorkflowStub(updateOfB.getWorkflowId()).terminate("test over");
  }

  @Test
  void noCredentialOrARevokedOneIsServedNothing() throws Exception {
    InstallRegistered c =
        new ServiceClient(nebula.baseUrl(), null)
            .registerInstall(new InstallRegistration("v-sekai", "stable", null));
    String queue = TaskQueues.forInstall(c.installId().toString());
    assertThat(code(() -> stub(null).pollActivityTaskQueue(poll(queue))))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    // Valid: a poll of its own queue is served (and comes back empty, there is no task).
    WorkflowServiceBlockingStub asC = stub(c.credential());
    assertThat(
            asC.withDeadlineAfter(3, TimeUnit.SECONDS)
                .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
                .hasCapabilities())
        .isTrue();

    new ServiceClient(nebula.baseUrl(), nebula.supportToken())
        .revokeCredential(c.installId().toString());

    assertThat(code(() -> asC.pollActivityTaskQueue(poll(queue))))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThatThrownBy(
            () ->
                new ServiceClient(nebula.baseUrl(), c.credential())
                    .update(c.installId().toString()))
        .hasMessageContaining("credential");
  }

  // ---- helpers -------------------------------------------------------------------------------

  private WorkflowServiceBlockingStub stub(String credential) {
    if (credential == null) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(nebula.gatewayAddress()).build());
      return stubs.blockingStub().withDeadlineAfter(10, TimeUnit.SECONDS);
    }
    WorkflowClient client =
        new GatewayConnection(nebula.gatewayAddress(), false, null, credential).connect();
    clients.add(client);
    return client.getWorkflowServiceStubs().blockingStub().withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static Metadata bearer(String credential) {
    Metadata m = new Metadata();
    m.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + credential);
    return m;
  }

  private static PollActivityTaskQueueRequest poll(String queue) {
    return PollActivityTaskQueueRequest.newBuilder()
        .setNamespace("default")
        .setTaskQueue(TaskQueue.newBuilder().setName(queue))
        .build();
  }

  private static RespondActivityTaskCompletedRequest complete(ByteString token) {
    return RespondActivityTaskCompletedRequest.newBuilder()
        .setNamespace("default")
        .setTaskToken(token)
        .setResult(
            Payloads.newBuilder()
                .addPayloads(
                    Payload.newBuilder()
                        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                        .setData(
                            ByteString.copyFromUtf8(
                                "{\"installedVersion\":null,\"availableVersion\":\"9.9.9\"}"))))
        .build();
  }

  private WorkflowExecution execution(String workflowId) {
    return support.newUntypedWorkflowStub(workflowId).describe().getExecution();
  }

  private WorkflowExecutionStatus status(WorkflowExecution e) {
    return support
        .newUntypedWorkflowStub(e.getWorkflowId(), Optional.of(e.getRunId()), Optional.empty())
        .describe()
        .getStatus();
  }

  private int events(WorkflowExecution e) {
    return support.fetchHistory(e.getWorkflowId(), e.getRunId()).getEvents().size();
  }

  private void awaitScheduled(WorkflowExecution e) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (support.fetchHistory(e.getWorkflowId(), e.getRunId()).getEvents().stream()
          .anyMatch(x -> x.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the update never scheduled its check");
  }

  private static void denied(Runnable call) {
    assertThat(code(call)).isEqualTo(Status.Code.PERMISSION_DENIED);
  }

  private static Status.Code code(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
    throw new AssertionError("the call was served");
  }
}
