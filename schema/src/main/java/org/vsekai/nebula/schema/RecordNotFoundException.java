package org.vsekai.nebula.schema;

/** Something a request names does not exist (or not at the time asked). The service answers 404. */
public class RecordNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RecordNotFoundException(String message) {
    super(message);
  }
}
