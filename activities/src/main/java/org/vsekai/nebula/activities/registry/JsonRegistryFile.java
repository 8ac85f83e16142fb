package org.vsekai.nebula.activities.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.vsekai.nebula.activities.local.Json;
import org.vsekai.nebula.desync.AtomicFiles;

/**
 * Registry values outside Windows: {@code <config>/vsekai/installs/<installId>.json}, config being
 * {@code $XDG_CONFIG_HOME} or {@code ~/.config}.
 */
public final class JsonRegistryFile implements RegistryWriter {
  private final Path folder;

  public JsonRegistryFile(Path folder) {
    this.folder = folder;
  }

  public static Path defaultFolder() {
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("vsekai").resolve("installs");
  }

  public Path fileOf(String installId) {
    return folder.resolve(installId + ".json");
  }

  @Override
  public int write(RegistryValues values) throws IOException {
    Path file = fileOf(values.installId());
    Map<String, String> before =
        Files.isRegularFile(file)
            ? Json.mapper()
                .readValue(Files.readAllBytes(file), new TypeReference<Map<String, String>>() {})
            : Map.of();
    Map<String, String> after = values.asMap();
    int changed = 0;
    for (Map.Entry<String, String> e : after.entrySet()) {
      if (!Objects.equals(before.get(e.getKey()), e.getValue())) {
        changed++;
      }
    }
    if (changed > 0) {
      AtomicFiles.write(
          file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(after), true);
    }
    return changed;
  }
}
