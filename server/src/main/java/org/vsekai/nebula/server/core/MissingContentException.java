package org.vsekai.nebula.server.core;

/**
 * A well-formed release that references indexes or chunks the stores do not hold (upload them
 * first), or whose indexes contradict it. The service answers 422 and registers nothing.
 */
public class MissingContentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MissingContentException(String message) {
    super(message);
  }
}
