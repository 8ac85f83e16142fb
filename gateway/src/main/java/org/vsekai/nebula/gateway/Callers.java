package org.vsekai.nebula.gateway;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;
import org.vsekai.nebula.api.BearerHeader;

/**
 * Authenticates every call to the install's services by its {@code authorization: Bearer
 * CREDENTIAL} header (what the SDK's {@code addApiKey} sends) and makes the caller known to the
 * handlers. A call without a credential the service knows ends UNAUTHENTICATED before any handler
 * runs.
 */
final class Callers implements ServerInterceptor {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Context.Key<InstallCaller> CALLER = Context.key("nebula-install");

  private final InstallAuthenticator authenticator;
  private final CallCounts counts;

  Callers(InstallAuthenticator authenticator, CallCounts counts) {
    this.authenticator = authenticator;
    this.counts = counts;
  }

  /** The caller of the call being handled on this thread. */
  static InstallCaller current() {
    InstallCaller caller = CALLER.get();
    if (caller == null) {
      throw new IllegalStateException("no authenticated caller in this context");
    }
    return caller;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Optional<InstallCaller> caller = credential(headers).flatMap(this::authenticate);
    if (caller.isEmpty()) {
      counts.unauthenticated();
      call.close(
          Status.UNAUTHENTICATED.withDescription(
              "this gateway needs the install's credential (authorization: Bearer ...);"
                  + " a revoked one is refused"),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return Contexts.interceptCall(
        Context.current().withValue(CALLER, caller.get()), call, headers, next);
  }

  private Optional<InstallCaller> authenticate(String credential) {
    try {
      return authenticator.authenticate(credential);
    } catch (RuntimeException e) {
      // A database that cannot answer must not let anyone in.
      return Optional.empty();
    }
  }

  private static Optional<String> credential(Metadata headers) {
    return Optional.ofNullable(BearerHeader.credential(headers.get(AUTHORIZATION)));
  }
}
