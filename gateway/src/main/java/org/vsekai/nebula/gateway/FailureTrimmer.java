package org.vsekai.nebula.gateway;

import io.temporal.api.failure.v1.Failure;

/**
 * Keeps of a player's activity failure what the workflow needs (message, type, retryability, a
 * couple of causes) and drops what only fills histories: stack traces, and messages past a few
 * lines. The worker scrubs local paths from its messages itself (it knows them; we do not).
 */
final class FailureTrimmer {
  private FailureTrimmer() {}

  static Failure trim(Failure failure) {
    return trim(failure, InstallActivityService.MAX_FAILURE_DEPTH);
  }

  private static Failure trim(Failure failure, int depth) {
    Failure.Builder b = failure.toBuilder().clearStackTrace();
    if (b.getMessage().length() > InstallActivityService.MAX_FAILURE_MESSAGE) {
      b.setMessage(b.getMessage().substring(0, InstallActivityService.MAX_FAILURE_MESSAGE) + "…");
    }
    if (failure.hasCause()) {
      if (depth <= 1) {
        b.clearCause();
      } else {
        b.setCause(trim(failure.getCause(), depth - 1));
      }
    }
    return b.build();
  }
}
