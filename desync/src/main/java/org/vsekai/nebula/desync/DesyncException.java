package org.vsekai.nebula.desync;

/** The root of the engine's errors; every message is one line a user can act on. */
public class DesyncException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DesyncException(String message) {
    super(message);
  }

  public DesyncException(String message, Throwable cause) {
    super(message, cause);
  }
}
