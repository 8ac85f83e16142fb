package org.vsekai.nebula.cli;

/** A failure a command reports with a chosen exit code and a message meant for the user. */
public class CliFailure extends RuntimeException implements ErrorReporter.ExitCodeCarrier {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  public CliFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliFailure(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  @Override
  public int exitCode() {
    return exitCode;
  }
}
