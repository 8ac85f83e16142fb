package org.vsekai.nebula.schema;

/**
 * A request contradicts what is recorded: a version that already exists, a state an update cannot
 * move to. The service answers 409 and nothing was written.
 */
public class RecordConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RecordConflictException(String message) {
    super(message);
  }
}
