package org.vsekai.nebula.worker;

/** Temporal could not be reached with the configured address. */
public class TemporalUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TemporalUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
