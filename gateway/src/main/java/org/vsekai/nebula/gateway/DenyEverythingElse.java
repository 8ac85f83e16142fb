package org.vsekai.nebula.gateway;

import io.grpc.HandlerRegistry;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Answers every method the gateway does not serve, of any service (WorkflowService's other methods,
 * OperatorService, AdminService, anything else), with PERMISSION_DENIED and without reading its
 * request: starting, signalling, cancelling or terminating workflows, polling workflow tasks,
 * changing the namespace, all stay with the service.
 */
final class DenyEverythingElse extends HandlerRegistry {
  private static final MethodDescriptor.Marshaller<InputStream> RAW =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(InputStream value) {
          return value;
        }

        @Override
        public InputStream parse(InputStream stream) {
          try {
            stream.skip(Long.MAX_VALUE);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return new ByteArrayInputStream(new byte[0]);
        }
      };

  private static final Set<String> SDK_HOUSEKEEPING =
      Set.of(
          "temporal.api.workflowservice.v1.WorkflowService/RecordWorkerHeartbeat",
          "temporal.api.workflowservice.v1.WorkflowService/ShutdownWorker");

  private final CallCounts counts;

  DenyEverythingElse(CallCounts counts) {
    this.counts = counts;
  }

  @Override
  public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
    MethodDescriptor<InputStream, InputStream> method =
        MethodDescriptor.newBuilder(RAW, RAW)
            .setFullMethodName(methodName)
            .setType(MethodDescriptor.MethodType.UNKNOWN)
            .build();
    return ServerMethodDefinition.create(
        method,
        (call, headers) -> {
          if (SDK_HOUSEKEEPING.contains(methodName)) {
            counts.declined();
            call.close(
                Status.UNIMPLEMENTED.withDescription(methodName + " is not offered to installs"),
                new Metadata());
            return new ServerCall.Listener<>() {};
          }
          counts.denied();
          call.close(
              Status.PERMISSION_DENIED.withDescription(
                  methodName
                      + " is not open to installs: a player's worker may only poll, heartbeat"
                      + " and complete its own activity tasks"),
              new Metadata());
          return new ServerCall.Listener<>() {};
        });
  }
}
