package org.vsekai.nebula.server.config;

import io.dropwizard.configuration.ConfigurationSourceProvider;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a configuration file from disk, or, when there is no such file, the resource of that name
 * bundled with the service ({@code nebula.yml}, {@code nebula-embedded.yml}).
 */
public final class FileOrClasspathSourceProvider implements ConfigurationSourceProvider {
  @Override
  public InputStream open(String path) throws IOException {
    Path file = Path.of(path);
    if (Files.isRegularFile(file)) {
      return Files.newInputStream(file);
    }
    InputStream bundled =
        FileOrClasspathSourceProvider.class.getClassLoader().getResourceAsStream(path);
    if (bundled == null) {
      throw new FileNotFoundException("no configuration file " + path + " on disk or bundled");
    }
    return bundled;
  }
}
