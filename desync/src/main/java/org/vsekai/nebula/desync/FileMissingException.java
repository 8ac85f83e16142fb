package org.vsekai.nebula.desync;

import java.nio.file.Path;

/** A file the engine was asked to read (index, blob, seed) does not exist. */
public class FileMissingException extends DesyncException {
  private static final long serialVersionUID = 1L;

  public FileMissingException(Path file) {
    super(file + " does not exist");
  }
}
