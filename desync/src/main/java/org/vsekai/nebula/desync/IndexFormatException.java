package org.vsekai.nebula.desync;

/** A {@code .caibx} that is not well formed; the message names the first thing wrong. */
public class IndexFormatException extends DesyncException {
  private static final long serialVersionUID = 1L;

  public IndexFormatException(String message) {
    super(message);
  }
}
