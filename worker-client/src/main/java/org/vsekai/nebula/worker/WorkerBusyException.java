package org.vsekai.nebula.worker;

/** The install already has a worker (in another process). */
public class WorkerBusyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WorkerBusyException(String message) {
    super(message);
  }
}
