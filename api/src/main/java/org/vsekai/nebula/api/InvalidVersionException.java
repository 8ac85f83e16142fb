package org.vsekai.nebula.api;

/** A version string that is not a semantic version. The message names what is wrong. */
public class InvalidVersionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidVersionException(String message) {
    super(message);
  }
}
