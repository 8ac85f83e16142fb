package org.vsekai.nebula.schema;

/** A page cursor that this service did not hand out. */
public class InvalidCursorException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidCursorException(String cursor) {
    super("'" + cursor + "' is not a page cursor of this list");
  }
}
