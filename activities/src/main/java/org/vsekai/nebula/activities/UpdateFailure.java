package org.vsekai.nebula.activities;

/**
 * A failure retrying cannot fix, with its type from {@code UpdateFailures}. The activity adapter
 * turns it into a non-retryable Temporal failure; plain code and tests see a normal exception.
 */
public class UpdateFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String type;

  public UpdateFailure(String type, String message) {
    super(message);
    this.type = type;
  }

  public UpdateFailure(String type, String message, Throwable cause) {
    super(message, cause);
    this.type = type;
  }

  public String type() {
    return type;
  }
}
