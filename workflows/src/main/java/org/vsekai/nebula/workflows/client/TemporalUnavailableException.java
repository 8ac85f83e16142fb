package org.vsekai.nebula.workflows.client;

/**
 * Temporal could not be reached, or refused a call that had to be made: a worker connecting (the
 * CLI exits UNAVAILABLE) or the service starting, signalling or querying a workflow (answered 503).
 */
public class TemporalUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TemporalUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
