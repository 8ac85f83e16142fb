package org.vsekai.nebula.activities.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Where an install's registry values go on this OS. */
public interface RegistryWriter {

  /** Writes the values; returns how many were new or changed. Idempotent. */
  int write(RegistryValues values) throws IOException;

  /** The Windows registry on Windows, a JSON file under the user's config folder elsewhere. */
  static RegistryWriter forThisMachine() {
    if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
      return new WindowsRegistry();
    }
    return new JsonRegistryFile(JsonRegistryFile.defaultFolder());
  }

  static RegistryWriter jsonIn(Path folder) {
    return new JsonRegistryFile(folder);
  }
}
