package org.vsekai.nebula.api.client;

/**
 * The service answered with an error. {@link #status()} is the HTTP status (0 when it could not be
 * reached at all); the message is the service's own {@code {"error": ...}} line where it sent one.
 */
public class ServiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public ServiceException(int status, String message) {
    super(message);
    this.status = status;
  }

  public ServiceException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
  }

  public int status() {
    return status;
  }

  public boolean notFound() {
    return status == 404;
  }

  /** Whether trying again later may succeed: no answer, or a server-side error. */
  public boolean transientFailure() {
    return status == 0 || status >= 500 || status == 429;
  }
}
