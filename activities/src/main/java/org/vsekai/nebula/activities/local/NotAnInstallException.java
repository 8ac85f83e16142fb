package org.vsekai.nebula.activities.local;

/** The folder is not a Nebula install, or its own records are damaged. */
public class NotAnInstallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotAnInstallException(String message) {
    super(message);
  }
}
