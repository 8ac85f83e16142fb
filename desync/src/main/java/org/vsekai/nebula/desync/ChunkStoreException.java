package org.vsekai.nebula.desync;

/** A store that could not answer: I/O failure, HTTP error after retries, timeout. */
public class ChunkStoreException extends DesyncException {
  private static final long serialVersionUID = 1L;

  public ChunkStoreException(String message) {
    super(message);
  }

  public ChunkStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
