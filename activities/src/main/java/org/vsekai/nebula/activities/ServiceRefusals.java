package org.vsekai.nebula.activities;

import java.util.Optional;
import org.vsekai.nebula.api.client.ServiceException;
import org.vsekai.nebula.desync.ChunkMissingException;
import org.vsekai.nebula.desync.ChunkStoreException;
import org.vsekai.nebula.workflows.UpdateFailures;

/**
 * Answers of the service or its chunk store that stay the same however often they are asked: the
 * release's data is gone (404, 410: the version was withdrawn and pruned) or the install may not
 * have it (401, 403: its credential was revoked). An update that met one fails at once by name
 * instead of retrying until its deadline.
 */
final class ServiceRefusals {
  private ServiceRefusals() {}

  static Optional<UpdateFailure> of(Throwable failure) {
    for (Throwable c = failure; c != null; c = c.getCause()) {
      if (c instanceof ChunkMissingException missing) {
        return Optional.of(gone(missing.getMessage(), c));
      }
      int status =
          c instanceof ChunkStoreException store
              ? store.httpStatus()
              : c instanceof ServiceException service ? service.status() : 0;
      if (status == 404 || status == 410) {
        return Optional.of(gone(c.getMessage(), c));
      }
      if (status == 401 || status == 403) {
        return Optional.of(
            new UpdateFailure(
                UpdateFailures.ACCESS_REFUSED,
                c.getMessage()
                    + "; the install's credential may have been revoked (support staff can issue"
                    + " a new one)",
                c));
      }
    }
    return Optional.empty();
  }

  private static UpdateFailure gone(String message, Throwable cause) {
    return new UpdateFailure(
        UpdateFailures.MISSING_RELEASE_DATA,
        message + "; the release was withdrawn or its data removed from the service",
        cause);
  }
}
