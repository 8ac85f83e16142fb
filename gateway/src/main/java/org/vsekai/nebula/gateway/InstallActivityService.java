package org.vsekai.nebula.gateway;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.temporal.api.enums.v1.TaskQueueKind;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceResponse;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RecordActivityTaskHeartbeatRequest;
import io.temporal.api.workflowservice.v1.RecordActivityTaskHeartbeatResponse;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCanceledRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCanceledResponse;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedResponse;
import io.temporal.api.workflowservice.v1.RespondActivityTaskFailedRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskFailedResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceFutureStub;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The part of Temporal's WorkflowService a player's activities-only worker needs, each call checked
 * and rewritten before it is forwarded: polling activity tasks of the caller's own queue,
 * heartbeating and completing (or failing, or acknowledging the cancellation of) tasks it polled,
 * and the two calls the SDK makes when it starts. Every other method is refused by {@link
 * DenyEverythingElse}.
 */
final class InstallActivityService {
  /**
   * Largest result, heartbeat or failure an install may send. Nebula's activity results and
   * heartbeats are records of a few hundred bytes; what goes into a workflow's history must not be
   * a player's to inflate.
   */
  static final int MAX_PAYLOAD_BYTES = 64 * 1024;

  /** Longest failure message kept; the rest of a failure's text is the player's disk, not ours. */
  static final int MAX_FAILURE_MESSAGE = 2_000;

  /** Causes kept below a failure; Nebula's failures are an application failure and its cause. */
  static final int MAX_FAILURE_DEPTH = 4;

  /** Upper bound on a forwarded long poll; the SDK asks for 70 s, Temporal answers within 60. */
  private static final long MAX_POLL_SECONDS = 80;

  /** Upper bound on any other forwarded call. */
  private static final long MAX_CALL_SECONDS = 30;

  private final Supplier<WorkflowServiceFutureStub> upstream;
  private final String namespace;
  private final TaskTokenSeal seal;
  private final CompletedTasks completed;
  private final InstallLimits limits;
  private final CallCounts counts;

  InstallActivityService(
      Supplier<WorkflowServiceFutureStub> upstream,
      String namespace,
      TaskTokenSeal seal,
      CompletedTasks completed,
      InstallLimits limits,
      CallCounts counts) {
    this.upstream = upstream;
    this.namespace = namespace;
    this.seal = seal;
    this.completed = completed;
    this.limits = limits;
    this.counts = counts;
  }

  ServerServiceDefinition definition() {
    return ServerServiceDefinition.builder(WorkflowServiceGrpc.SERVICE_NAME)
        .addMethod(
            WorkflowServiceGrpc.getGetSystemInfoMethod(),
            ServerCalls.asyncUnaryCall(this::getSystemInfo))
        .addMethod(
            WorkflowServiceGrpc.getDescribeNamespaceMethod(),
            ServerCalls.asyncUnaryCall(this::describeNamespace))
        .addMethod(
            WorkflowServiceGrpc.getPollActivityTaskQueueMethod(),
            ServerCalls.asyncUnaryCall(this::pollActivityTaskQueue))
        .addMethod(
            WorkflowServiceGrpc.getRecordActivityTaskHeartbeatMethod(),
            ServerCalls.asyncUnaryCall(this::recordActivityTaskHeartbeat))
        .addMethod(
            WorkflowServiceGrpc.getRespondActivityTaskCompletedMethod(),
            ServerCalls.asyncUnaryCall(this::respondActivityTaskCompleted))
        .addMethod(
            WorkflowServiceGrpc.getRespondActivityTaskFailedMethod(),
            ServerCalls.asyncUnaryCall(this::respondActivityTaskFailed))
        .addMethod(
            WorkflowServiceGrpc.getRespondActivityTaskCanceledMethod(),
            ServerCalls.asyncUnaryCall(this::respondActivityTaskCanceled))
        .build();
  }

  /** The server's capabilities, which the SDK reads once when it connects. */
  void getSystemInfo(GetSystemInfoRequest request, StreamObserver<GetSystemInfoResponse> out) {
    handle(
        "GetSystemInfo",
        out,
        caller ->
            forward(
                stub(MAX_CALL_SECONDS).getSystemInfo(GetSystemInfoRequest.getDefaultInstance()),
                out,
                Function.identity()));
  }

  /**
   * The SDK checks at start that its namespace exists. Only the namespace's name, id and state go
   * back; its configuration (retention, archival, replication) is the operator's business.
   */
  void describeNamespace(
      DescribeNamespaceRequest request, StreamObserver<DescribeNamespaceResponse> out) {
    handle(
        "DescribeNamespace",
        out,
        caller -> {
          requireNamespace(request.getNamespace());
          forward(
              stub(MAX_CALL_SECONDS)
                  .describeNamespace(
                      DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build()),
              out,
              full ->
                  DescribeNamespaceResponse.newBuilder()
                      .setNamespaceInfo(full.getNamespaceInfo())
                      .build());
        });
  }

  void pollActivityTaskQueue(
      PollActivityTaskQueueRequest request, StreamObserver<PollActivityTaskQueueResponse> out) {
    handle(
        "PollActivityTaskQueue",
        out,
        caller -> {
          requireNamespace(request.getNamespace());
          TaskQueue queue = request.getTaskQueue();
          if (!queue.getName().equals(caller.taskQueue())
              || queue.getKind() == TaskQueueKind.TASK_QUEUE_KIND_STICKY) {
            throw denied(
                "install "
                    + caller.installId()
                    + " may poll only its own task queue "
                    + caller.taskQueue()
                    + ", not "
                    + queue.getName());
          }
          Runnable pollEnded = limits.poll(caller);
          // Only what the task queue needs: no rate limits on the shared queue, no versioning.
          PollActivityTaskQueueRequest forwarded =
              PollActivityTaskQueueRequest.newBuilder()
                  .setNamespace(namespace)
                  .setTaskQueue(
                      TaskQueue.newBuilder()
                          .setName(caller.taskQueue())
                          .setKind(TaskQueueKind.TASK_QUEUE_KIND_NORMAL))
                  .setIdentity(caller.identity())
                  .build();
          ListenableFuture<PollActivityTaskQueueResponse> polled;
          try {
            polled = stub(MAX_POLL_SECONDS).pollActivityTaskQueue(forwarded);
          } catch (RuntimeException e) {
            pollEnded.run();
            throw e;
          }
          polled.addListener(pollEnded, MoreExecutors.directExecutor());
          forward(
              polled,
              out,
              task ->
                  task.getTaskToken().isEmpty()
                      ? task
                      : task.toBuilder()
                          .setTaskToken(seal.seal(caller, task.getTaskToken()))
                          .build());
        });
  }

  void recordActivityTaskHeartbeat(
      RecordActivityTaskHeartbeatRequest request,
      StreamObserver<RecordActivityTaskHeartbeatResponse> out) {
    handle(
        "RecordActivityTaskHeartbeat",
        out,
        caller -> {
          requireNamespace(request.getNamespace());
          TaskTokenSeal.Opened task = openLive(caller, request.getTaskToken());
          requireSize("heartbeat details", request.getDetails());
          forward(
              stub(MAX_CALL_SECONDS)
                  .recordActivityTaskHeartbeat(
                      RecordActivityTaskHeartbeatRequest.newBuilder()
                          .setNamespace(namespace)
                          .setTaskToken(task.token())
                          .setDetails(request.getDetails())
                          .setIdentity(caller.identity())
                          .build()),
              out,
              Function.identity());
        });
  }

  void respondActivityTaskCompleted(
      RespondActivityTaskCompletedRequest request,
      StreamObserver<RespondActivityTaskCompletedResponse> out) {
    handle(
        "RespondActivityTaskCompleted",
        out,
        caller -> {
          requireNamespace(request.getNamespace());
          TaskTokenSeal.Opened task = openLive(caller, request.getTaskToken());
          requireSize("activity result", request.getResult());
          forwardCompletion(
              task,
              stub(MAX_CALL_SECONDS)
                  .respondActivityTaskCompleted(
                      RespondActivityTaskCompletedRequest.newBuilder()
                          .setNamespace(namespace)
                          .setTaskToken(task.token())
                          .setResult(request.getResult())
                          .setIdentity(caller.identity())
                          .build()),
              out);
        });
  }

  void respondActivityTaskFailed(
      RespondActivityTaskFailedRequest request,
      StreamObserver<RespondActivityTaskFailedResponse> out) {
    handle(
        "RespondActivityTaskFailed",
        out,
        caller -> {
          requireNamespace(request.getNamespace());
          TaskTokenSeal.Opened task = openLive(caller, request.getTaskToken());
          Failure failure = FailureTrimmer.trim(request.getFailure());
          requireSize("activity failure", failure);
          requireSize("heartbeat details", request.getLastHeartbeatDetails());
          forwardCompletion(
              task,
              stub(MAX_CALL_SECONDS)
                  .respondActivityTaskFailed(
                      RespondActivityTaskFailedRequest.newBuilder()
                          .setNamespace(namespace)
                          .setTaskToken(task.token())
                          .setFailure(failure)
                          .setLastHeartbeatDetails(request.getLastHeartbeatDetails())
                          .setIdentity(caller.identity())
                          .build()),
              out);
        });
  }

  void respondActivityTaskCanceled(
      RespondActivityTaskCanceledRequest request,
      StreamObserver<RespondActivityTaskCanceledResponse> out) {
    handle(
        "RespondActivityTaskCanceled",
        out,
        caller -> {
          requireNamespace(request.getNamespace());
          TaskTokenSeal.Opened task = openLive(caller, request.getTaskToken());
          requireSize("cancellation details", request.getDetails());
          forwardCompletion(
              task,
              stub(MAX_CALL_SECONDS)
                  .respondActivityTaskCanceled(
                      RespondActivityTaskCanceledRequest.newBuilder()
                          .setNamespace(namespace)
                          .setTaskToken(task.token())
                          .setDetails(request.getDetails())
                          .setIdentity(caller.identity())
                          .build()),
              out);
        });
  }

  private interface Handler {
    void handle(InstallCaller caller);
  }

  /** Counts the call, applies the caller's limits, and turns a refusal into the call's status. */
  private void handle(String method, StreamObserver<?> out, Handler handler) {
    InstallCaller caller = Callers.current();
    try {
      limits.call(caller);
      handler.handle(caller);
      counts.allowed(method);
    } catch (StatusRuntimeException refused) {
      Status.Code code = refused.getStatus().getCode();
      if (code == Status.Code.PERMISSION_DENIED) {
        counts.denied();
      } else if (code == Status.Code.RESOURCE_EXHAUSTED) {
        counts.limited();
      }
      out.onError(refused);
    }
  }

  /** A sealed token of the caller's whose task has not been completed through this gateway. */
  private TaskTokenSeal.Opened openLive(InstallCaller caller, ByteString sealed) {
    TaskTokenSeal.Opened task = seal.open(caller, sealed);
    if (completed.contains(task.mac())) {
      throw denied("the task of this token was already completed");
    }
    return task;
  }

  private <T> void forwardCompletion(
      TaskTokenSeal.Opened task, ListenableFuture<T> call, StreamObserver<T> out) {
    Futures.addCallback(
        call,
        new FutureCallback<T>() {
          @Override
          public void onSuccess(T response) {
            completed.add(task.mac());
            out.onNext(response);
            out.onCompleted();
          }

          @Override
          public void onFailure(Throwable t) {
            // Temporal's own NOT_FOUND: the task had already ended (timed out, or completed).
            if (Status.fromThrowable(t).getCode() == Status.Code.NOT_FOUND) {
              completed.add(task.mac());
            }
            out.onError(upstreamError(t));
          }
        },
        MoreExecutors.directExecutor());
  }

  private static <T, R> void forward(
      ListenableFuture<T> call, StreamObserver<R> out, Function<T, R> answer) {
    Futures.addCallback(
        call,
        new FutureCallback<T>() {
          @Override
          public void onSuccess(T response) {
            out.onNext(answer.apply(response));
            out.onCompleted();
          }

          @Override
          public void onFailure(Throwable t) {
            out.onError(upstreamError(t));
          }
        },
        MoreExecutors.directExecutor());
  }

  /** Temporal's status code and description, without its trailers. */
  private static StatusRuntimeException upstreamError(Throwable t) {
    Status status = Status.fromThrowable(t);
    return status.withCause(null).asRuntimeException();
  }

  /**
   * A stub bounded by the caller's deadline and {@code maxSeconds}, whichever is sooner. Created in
   * the caller's context, so a player who hangs up cancels the call upstream too.
   */
  private WorkflowServiceFutureStub stub(long maxSeconds) {
    Deadline cap = Deadline.after(maxSeconds, TimeUnit.SECONDS);
    Deadline callers = Context.current().getDeadline();
    return upstream.get().withDeadline(callers != null && callers.isBefore(cap) ? callers : cap);
  }

  private void requireNamespace(String requested) {
    if (!namespace.equals(requested)) {
      throw denied("installs work in namespace " + namespace + " only, not " + requested);
    }
  }

  private static void requireSize(String what, MessageLite message) {
    if (message.getSerializedSize() > MAX_PAYLOAD_BYTES) {
      throw denied(
          what
              + " of "
              + message.getSerializedSize()
              + " bytes is over the "
              + MAX_PAYLOAD_BYTES
              + "-byte limit for install tasks");
    }
  }

  private static StatusRuntimeException denied(String why) {
    return Status.PERMISSION_DENIED.withDescription(why).asRuntimeException();
  }
}
