package org.vsekai.nebula.desync;

/** A file the engine was asked to read (index, blob, seed) does not exist. */
public class FileMissingException extends DesyncException {
  private static final long serialVersionUID = 1L;

  public FileMissingException(java.nio.file.Path file) {
    super(file + " does not exist");
  }
}
