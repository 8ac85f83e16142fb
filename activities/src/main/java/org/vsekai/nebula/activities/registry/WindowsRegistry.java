package org.vsekai.nebula.activities.registry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The values under {@code HKCU\Software\V-Sekai\Nebula\<installId>}, plus an entry under {@code
 * HKCU\...\Uninstall} so "Apps & features" lists the game, written with Windows' own {@code
 * reg.exe} (no native library to ship). Per-user keys need no elevation.
 */
final class WindowsRegistry implements RegistryWriter {
  private static final String KEY = "HKCU\\Software\\V-Sekai\\Nebula\\";
  private static final String UNINSTALL =
      "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\V-Sekai-";

  @Override
  public int write(RegistryValues values) throws IOException {
    int n = 0;
    for (Map.Entry<String, String> e : values.asMap().entrySet()) {
      reg(KEY + values.installId(), e.getKey(), e.getValue());
      n++;
    }
    String uninstall = UNINSTALL + values.installId();
    reg(uninstall, "DisplayName", "V-Sekai (" + values.mode() + ")");
    reg(uninstall, "DisplayVersion", values.version());
    reg(uninstall, "InstallLocation", values.installPath());
    reg(uninstall, "UninstallString", values.uninstallCommand());
    reg(uninstall, "Publisher", "V-Sekai");
    return n + 5;
  }

  private static void reg(String key, String name, String value) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of("reg.exe", "add", key, "/v", name, "/t", "REG_SZ", "/d", value, "/f"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(
            "reg.exe could not set "
                + key
                + "\\"
                + name
                + ": "
                + new String(p.getInputStream().readAllBytes()).trim());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing the registry", e);
    }
  }
}
