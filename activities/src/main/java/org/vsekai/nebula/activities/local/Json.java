package org.vsekai.nebula.activities.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.vsekai.nebula.api.manifest.ManifestJson;
import org.vsekai.nebula.desync.AtomicFiles;

/** Reading and atomically writing the launcher folder's JSON files. */
public final class Json {
  private static final ObjectMapper MAPPER =
      ManifestJson.mapper().copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static <T> Optional<T> read(Path file, Class<T> type) throws IOException {
    try {
      return Optional.of(MAPPER.readValue(Files.readAllBytes(file), type));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** As {@link #write}, readable and writable by the file's owner only (it holds a secret). */
  public static void writePrivate(Path file, Object value) throws IOException {
    AtomicFiles.writePrivate(
        file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
  }

  /** Writes through a temporary file and fsync, so a crash leaves the old or the new content. */
  public static void write(Path file, Object value) throws IOException {
    AtomicFiles.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value), true);
  }
}
