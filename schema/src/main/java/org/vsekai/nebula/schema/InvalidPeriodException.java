package org.vsekai.nebula.schema;

/** A validity period that ends before it starts, or an instant outside the years stored. */
public class InvalidPeriodException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidPeriodException(String message) {
    super(message);
  }
}
