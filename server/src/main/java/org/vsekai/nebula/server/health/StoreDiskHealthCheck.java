package org.vsekai.nebula.server.health;

import com.codahale.metrics.health.HealthCheck;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** A store folder that exists, is writable and has room for more uploads. */
public final class StoreDiskHealthCheck extends HealthCheck {
  private final Path dir;
  private final long minFreeBytes;

  public StoreDiskHealthCheck(Path dir, long minFreeBytes) {
    this.dir = dir;
    this.minFreeBytes = minFreeBytes;
  }

  @Override
  protected Result check() throws IOException {
    if (!Files.isDirectory(dir)) {
      return Result.unhealthy(dir + " does not exist");
    }
    if (!Files.isWritable(dir)) {
      return Result.unhealthy(dir + " is not writable");
    }
    FileStore fs = Files.getFileStore(dir);
    long free = fs.getUsableSpace();
    if (free < minFreeBytes) {
      return Result.unhealthy(dir + " has " + free + " bytes free, less than " + minFreeBytes);
    }
    return Result.healthy(dir + ": " + free + " bytes free");
  }
}
