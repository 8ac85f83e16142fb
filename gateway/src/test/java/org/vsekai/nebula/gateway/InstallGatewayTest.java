package org.vsekai.nebula.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueResponse;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.RecordActivityTaskHeartbeatRequest;
import io.temporal.api.workflowservice.v1.RequestCancelWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vsekai.nebula.workflows.TaskQueues;

/**
 * The gateway against Temporal's test server: a real activities-only SDK worker completes its
 * install's task through it, and every way one install could reach beyond its own tasks ends
 * refused with nothing changed upstream.
 */
class InstallGatewayTest {
  private static GatewayRig rig;

  @BeforeAll
  static void start() throws Exception {
    rig = new GatewayRig();
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  @Test
  void anActivitiesOnlyWorkerCompletesItsInstallsTaskThroughTheGateway() throws Exception {
    WorkflowServiceStubs stubs = rig.playerStubs(rig.credentialA);
    WorkerFactory factory =
        WorkerFactory.newInstance(
            WorkflowClient.newInstance(
                stubs,
                WorkflowClientOptions.newBuilder().setNamespace(GatewayRig.NAMESPACE).build()));
    try {
      Worker worker =
          factory.newWorker(
              TaskQueues.forInstall(rig.installA),
              WorkerOptions.newBuilder().setMaxConcurrentActivityTaskPollers(1).build());
      worker.registerActivitiesImplementations(
          (ProbeActivities) text -> text.toUpperCase(Locale.ROOT));
      long deniedBefore = rig.gateway.counts().get(CallCounts.DENIED);
      factory.start();

      ProbeWorkflow probe = rig.startProbe(rig.installA);
      String result = WorkflowStub.fromTyped(probe).getResult(30, TimeUnit.SECONDS, String.class);

      assertThat(result).isEqualTo("HELLO " + rig.installA.toUpperCase(Locale.ROOT));
      assertThat(rig.gateway.counts().get("RespondActivityTaskCompleted"))
          .isGreaterThanOrEqualTo(1);
      // The SDK needed nothing the gateway refuses.
      assertThat(rig.gateway.counts().get(CallCounts.DENIED)).isEqualTo(deniedBefore);
      // The history names the install, not the player's host.
      HistoryEvent started =
          events(WorkflowStub.fromTyped(probe).getExecution()).stream()
              .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
              .findFirst()
              .orElseThrow();
      assertThat(started.getActivityTaskStartedEventAttributes().getIdentity())
          .isEqualTo("install:" + rig.installA);
    } finally {
      factory.shutdownNow();
      stubs.shutdownNow();
    }
  }

  @Test
  void anInstallCannotPollAnotherInstallsQueue() throws Exception {
    assertDenied(() -> rig.as(rig.credentialA).pollActivityTaskQueue(poll(rig.installB)));
  }

  @Test
  void anInstallCannotPollTheServiceQueue() throws Exception {
    assertDenied(
        () -> rig.as(rig.credentialA).pollActivityTaskQueue(pollQueue(TaskQueues.SERVICE)));
    assertDenied(
        () ->
            rig.as(rig.credentialA)
                .pollWorkflowTaskQueue(
                    PollWorkflowTaskQueueRequest.newBuilder()
                        .setNamespace(GatewayRig.NAMESPACE)
                        .setTaskQueue(TaskQueue.newBuilder().setName(TaskQueues.SERVICE))
                        .build()));
  }

  @Test
  void anInstallCannotPollWorkflowTasksEvenOfItsOwnQueue() throws Exception {
    assertDenied(
        () ->
            rig.as(rig.credentialA)
                .pollWorkflowTaskQueue(
                    PollWorkflowTaskQueueRequest.newBuilder()
                        .setNamespace(GatewayRig.NAMESPACE)
                        .setTaskQueue(
                            TaskQueue.newBuilder().setName(TaskQueues.forInstall(rig.installA)))
                        .build()));
  }

  @Test
  void anInstallCannotStartWorkflowsNeitherUpdatesNorRollouts() throws Exception {
    for (String type : List.of("UpdateWorkflow", "RolloutWorkflow")) {
      String id = "update-" + rig.installB + "-" + type;
      assertDenied(
          () ->
              rig.as(rig.credentialA)
                  .startWorkflowExecution(
                      StartWorkflowExecutionRequest.newBuilder()
                          .setNamespace(GatewayRig.NAMESPACE)
                          .setWorkflowId(id)
                          .setRequestId(UUID.randomUUID().toString())
                          .setWorkflowType(WorkflowType.newBuilder().setName(type))
                          .setTaskQueue(
                              TaskQueue.newBuilder().setName(TaskQueues.forInstall(rig.installA)))
                          .build()));
      assertThatThrownBy(() -> describe(WorkflowExecution.newBuilder().setWorkflowId(id).build()))
          .satisfies(
              e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }
  }

  @Test
  void anInstallCannotSignalCancelOrTerminateAnotherInstallsWorkflow() throws Exception {
    ProbeWorkflow probe = rig.startProbe(rig.installB);
    WorkflowExecution b = WorkflowStub.fromTyped(probe).getExecution();
    awaitActivityScheduled(b);
    int eventsBefore = events(b).size();
    var a = rig.as(rig.credentialA);

    assertDenied(
        () ->
            a.signalWorkflowExecution(
                SignalWorkflowExecutionRequest.newBuilder()
                    .setNamespace(GatewayRig.NAMESPACE)
                    .setWorkflowExecution(b)
                    .setSignalName("poke")
                    .build()));
    assertDenied(
        () ->
            a.requestCancelWorkflowExecution(
                RequestCancelWorkflowExecutionRequest.newBuilder()
                    .setNamespace(GatewayRig.NAMESPACE)
                    .setWorkflowExecution(b)
                    .build()));
    assertDenied(
        () ->
            a.terminateWorkflowExecution(
                TerminateWorkflowExecutionRequest.newBuilder()
                    .setNamespace(GatewayRig.NAMESPACE)
                    .setWorkflowExecution(b)
                    .build()));
    assertDenied(
        () ->
            a.describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(GatewayRig.NAMESPACE)
                    .setExecution(b)
                    .build()));

    assertThat(describe(b).getWorkflowExecutionInfo().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(events(b)).hasSize(eventsBefore);
    WorkflowStub.fromTyped(probe).terminate("test over");
  }

  @Test
  void anInstallCannotHeartbeatOrCompleteATaskAnotherInstallPolled() throws Exception {
    ProbeWorkflow probe = rig.startProbe(rig.installB);
    PollActivityTaskQueueResponse taskOfB =
        rig.as(rig.credentialB).pollActivityTaskQueue(poll(rig.installB));
    assertThat(taskOfB.getTaskToken()).isNotEmpty();

    assertDenied(
        () ->
            rig.as(rig.credentialA)
                .respondActivityTaskCompleted(complete(taskOfB.getTaskToken(), "forged")));
    assertDenied(
        () ->
            rig.as(rig.credentialA)
                .recordActivityTaskHeartbeat(
                    RecordActivityTaskHeartbeatRequest.newBuilder()
                        .setNamespace(GatewayRig.NAMESPACE)
                        .setTaskToken(taskOfB.getTaskToken())
                        .build()));

    // B's task is still B's to finish, with B's own result.
    rig.as(rig.credentialB).respondActivityTaskCompleted(complete(taskOfB.getTaskToken(), "by B"));
    assertThat(WorkflowStub.fromTyped(probe).getResult(10, TimeUnit.SECONDS, String.class))
        .isEqualTo("by B");
  }

  @Test
  void forgedTaskTokensAreRefused() throws Exception {
    ProbeWorkflow probe = rig.startProbe(rig.installA);
    PollActivityTaskQueueResponse task =
        rig.as(rig.credentialA).pollActivityTaskQueue(poll(rig.installA));
    byte[] sealed = task.getTaskToken().toByteArray();
    byte[] flipped = sealed.clone();
    flipped[flipped.length / 2] ^= 1;
    ByteString unsealed =
        new TaskTokenSeal(new byte[32])
            .open(new InstallCaller(rig.installA), sealWithZeroKey(sealed))
            .token();

    for (ByteString forged :
        List.of(
            ByteString.copyFrom(flipped),
            ByteString.copyFrom("not a token".getBytes(StandardCharsets.UTF_8)),
            ByteString.EMPTY,
            unsealed)) {
      assertDenied(
          () -> rig.as(rig.credentialA).respondActivityTaskCompleted(complete(forged, "forged")));
    }
    rig.as(rig.credentialA).respondActivityTaskCompleted(complete(task.getTaskToken(), "genuine"));
    assertThat(WorkflowStub.fromTyped(probe).getResult(10, TimeUnit.SECONDS, String.class))
        .isEqualTo("genuine");
  }

  @Test
  void aCompletedTaskTokenCannotBeReplayed() throws Exception {
    ProbeWorkflow probe = rig.startProbe(rig.installA);
    PollActivityTaskQueueResponse task =
        rig.as(rig.credentialA).pollActivityTaskQueue(poll(rig.installA));
    rig.as(rig.credentialA).respondActivityTaskCompleted(complete(task.getTaskToken(), "first"));
    WorkflowExecution run = WorkflowStub.fromTyped(probe).getExecution();
    assertThat(WorkflowStub.fromTyped(probe).getResult(10, TimeUnit.SECONDS, String.class))
        .isEqualTo("first");
    int events = events(run).size();

    assertDenied(
        () ->
            rig.as(rig.credentialA)
                .respondActivityTaskCompleted(complete(task.getTaskToken(), "again")));
    assertDenied(
        () ->
            rig.as(rig.credentialA)
                .recordActivityTaskHeartbeat(
                    RecordActivityTaskHeartbeatRequest.newBuilder()
                        .setNamespace(GatewayRig.NAMESPACE)
                        .setTaskToken(task.getTaskToken())
                        .build()));
    assertThat(events(run)).hasSize(events);
  }

  @Test
  void anOversizedResultIsRefusedAndTheTaskStaysOpen() throws Exception {
    ProbeWorkflow probe = rig.startProbe(rig.installA);
    PollActivityTaskQueueResponse task =
        rig.as(rig.credentialA).pollActivityTaskQueue(poll(rig.installA));
    String huge = "x".repeat(InstallActivityService.MAX_PAYLOAD_BYTES + 1);

    assertDenied(
        () ->
            rig.as(rig.credentialA)
                .respondActivityTaskCompleted(complete(task.getTaskToken(), huge)));

    rig.as(rig.credentialA).respondActivityTaskCompleted(complete(task.getTaskToken(), "small"));
    assertThat(WorkflowStub.fromTyped(probe).getResult(10, TimeUnit.SECONDS, String.class))
        .isEqualTo("small");
  }

  @Test
  void operatorAndAdminServicesAreClosed() throws Exception {
    assertDenied(
        () ->
            OperatorServiceGrpc.newBlockingStub(rig.channel(rig.credentialA))
                .listSearchAttributes(
                    ListSearchAttributesRequest.newBuilder()
                        .setNamespace(GatewayRig.NAMESPACE)
                        .build()));
    assertDenied(
        () ->
            rawCall(
                rig.credentialA,
                "temporal.server.api.adminservice.v1.AdminService/DescribeCluster"));
    assertDenied(
        () ->
            rawCall(
                rig.credentialA,
                "temporal.api.workflowservice.v1.WorkflowService/UpdateNamespace"));
  }

  @Test
  void withoutACredentialOrWithARevokedOneNothingIsServed() throws Exception {
    for (String credential : new String[] {null, rig.revokedCredential, rig.installA + ".wrong"}) {
      var stub = rig.as(credential);
      assertRefused(
          () -> stub.pollActivityTaskQueue(poll(rig.installA)), Status.Code.UNAUTHENTICATED);
      assertRefused(
          () -> stub.respondActivityTaskCompleted(complete(ByteString.copyFromUtf8("x"), "x")),
          Status.Code.UNAUTHENTICATED);
      assertRefused(
          () ->
              stub.startWorkflowExecution(
                  StartWorkflowExecutionRequest.newBuilder()
                      .setNamespace(GatewayRig.NAMESPACE)
                      .build()),
          Status.Code.PERMISSION_DENIED);
    }
  }

  @Test
  void aCredentialRevokedWhileItsWorkerRunsIsRefusedFromThen() throws Exception {
    String id = UUID.randomUUID().toString();
    String credential = id + ".soon-revoked";
    rig.credentials.put(credential, new InstallCaller(id));
    rig.as(credential).getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    rig.credentials.remove(credential);
    assertRefused(
        () -> rig.as(credential).pollActivityTaskQueue(poll(id)), Status.Code.UNAUTHENTICATED);
  }

  @Test
  void anInstallCannotHoldManyPollsOpen() throws Exception {
    String id = UUID.randomUUID().toString();
    String credential = id + ".greedy";
    rig.credentials.put(credential, new InstallCaller(id));
    var async =
        WorkflowServiceGrpc.newFutureStub(rig.channel(credential))
            .withDeadlineAfter(5, TimeUnit.SECONDS);
    var first = async.pollActivityTaskQueue(poll(id));
    var second = async.pollActivityTaskQueue(poll(id));
    Thread.sleep(300);
    assertRefused(
        () -> rig.as(credential).pollActivityTaskQueue(poll(id)), Status.Code.RESOURCE_EXHAUSTED);
    first.cancel(true);
    second.cancel(true);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static ByteString sealWithZeroKey(byte[] sealedByGateway) {
    // Temporal's raw token, resealed with a key the gateway does not have: what a player who
    // guessed the format but not the key could make.
    byte[] raw =
        Arrays.copyOfRange(
            sealedByGateway,
            3 + UUID.randomUUID().toString().length(),
            sealedByGateway.length - TaskTokenSeal.MAC_BYTES);
    return new TaskTokenSeal(new byte[32])
        .seal(new InstallCaller(rig.installA), ByteString.copyFrom(raw));
  }

  private static PollActivityTaskQueueRequest poll(String installId) {
    return pollQueue(TaskQueues.forInstall(installId));
  }

  private static PollActivityTaskQueueRequest pollQueue(String queue) {
    return PollActivityTaskQueueRequest.newBuilder()
        .setNamespace(GatewayRig.NAMESPACE)
        .setTaskQueue(TaskQueue.newBuilder().setName(queue))
        .setIdentity("attacker")
        .build();
  }

  private static RespondActivityTaskCompletedRequest complete(ByteString token, String result) {
    return RespondActivityTaskCompletedRequest.newBuilder()
        .setNamespace(GatewayRig.NAMESPACE)
        .setTaskToken(token)
        .setResult(
            Payloads.newBuilder()
                .addPayloads(
                    Payload.newBuilder()
                        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                        .setData(ByteString.copyFromUtf8("\"" + result + "\""))))
        .build();
  }

  private static void rawCall(String credential, String method) {
    MethodDescriptor.Marshaller<InputStream> raw =
        new MethodDescriptor.Marshaller<>() {
          @Override
          public InputStream stream(InputStream value) {
            return value;
          }

          @Override
          public InputStream parse(InputStream stream) {
            return stream;
          }
        };
    MethodDescriptor<InputStream, InputStream> m =
        MethodDescriptor.newBuilder(raw, raw)
            .setFullMethodName(method)
            .setType(MethodDescriptor.MethodType.UNARY)
            .build();
    ClientCall<InputStream, InputStream> call =
        rig.channel(credential)
            .newCall(m, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
    ClientCalls.blockingUnaryCall(call, new ByteArrayInputStream(new byte[0]));
  }

  private static DescribeWorkflowExecutionResponse describe(WorkflowExecution execution) {
    return rig.upstream
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(GatewayRig.NAMESPACE)
                .setExecution(execution)
                .build());
  }

  private static List<HistoryEvent> events(WorkflowExecution execution) {
    return rig.service.fetchHistory(execution.getWorkflowId(), execution.getRunId()).getEvents();
  }

  /** Waits until the workflow has scheduled its activity and gone quiet. */
  private static void awaitActivityScheduled(WorkflowExecution execution)
      throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (events(execution).stream()
          .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the probe never scheduled its activity");
  }

  private static void assertDenied(Runnable call) {
    assertRefused(call, Status.Code.PERMISSION_DENIED);
  }

  private static void assertRefused(Runnable call, Status.Code code) {
    assertThatThrownBy(call::run)
        .isInstanceOf(StatusRuntimeException.class)
        .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(code));
  }

  @SuppressWarnings("unused")
  private static Metadata none() {
    return new Metadata();
  }
}
