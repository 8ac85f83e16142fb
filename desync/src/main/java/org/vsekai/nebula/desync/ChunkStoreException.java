package org.vsekai.nebula.desync;

/** A store that could not answer: I/O failure, HTTP error after retries, timeout. */
public class ChunkStoreException extends DesyncException {
  private static final long serialVersionUID = 1L;
  private final int httpStatus;

  public ChunkStoreException(String message) {
    this(message, null);
  }

  public ChunkStoreException(String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = 0;
  }

  /** An HTTP store's refusal, e.g. 401 for a missing or wrong token. */
  public ChunkStoreException(int httpStatus, String message) {
    super(message);
    this.httpStatus = httpStatus;
  }

  /** The HTTP status the store answered with; 0 when it did not answer (or is not HTTP). */
  public int httpStatus() {
    return httpStatus;
  }

  /** Whether trying again later may help: no answer, or a server-side error. */
  public boolean transientFailure() {
    return httpStatus == 0 || httpStatus >= 500 || httpStatus == 429;
  }
}
