package org.vsekai.nebula.server.rollout;

/** Temporal could not be reached or refused a call the service had to make; answered 503. */
public class TemporalUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TemporalUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
