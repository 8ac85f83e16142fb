package org.vsekai.nebula.activities;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free space where an update will write; a seam so tests can play a full disk. */
@FunctionalInterface
public interface DiskSpace {
  DiskSpace REAL = path -> Files.getFileStore(path).getUsableSpace();

  long usableBytes(Path path) throws IOException;
}
