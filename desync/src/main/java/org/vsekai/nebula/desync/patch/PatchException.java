package org.vsekai.nebula.desync.patch;

import java.io.IOException;

/** A patch that cannot be made or applied: a source too large, a damaged or foreign patch. */
public final class PatchException extends IOException {
  public PatchException(String message) {
    super(message);
  }
}
