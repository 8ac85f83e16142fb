package org.vsekai.nebula.activities.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the seed's setup_registry_values records of an install, so the OS, other launchers and an
 * uninstaller can find it: where it is, what runs, which version and mode, how to remove it.
 */
public record RegistryValues(
    String installId,
    String product,
    String installPath,
    String executable,
    String version,
    String mode,
    String uninstallCommand) {

  /** The values under the names they get in the registry (and the JSON file). */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("InstallId", installId);
    m.put("Product", product);
    m.put("InstallPath", installPath);
    m.put("Executable", executable);
    m.put("Version", version);
    m.put("Mode", mode);
    m.put("UninstallString", uninstallCommand);
    return m;
  }
}
