package org.vsekai.nebula.server.core;

/** A request that is malformed in itself; the service answers 400 with the message. */
public class InvalidRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) {
    super(message);
  }
}
