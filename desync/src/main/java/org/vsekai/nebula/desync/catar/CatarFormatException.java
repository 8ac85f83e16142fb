package org.vsekai.nebula.desync.catar;

import org.vsekai.nebula.desync.DesyncException;

/** A catar stream that is truncated, malformed, or would write outside its target folder. */
public class CatarFormatException extends DesyncException {
  private static final long serialVersionUID = 1L;

  public CatarFormatException(String message) {
    super(message);
  }
}
