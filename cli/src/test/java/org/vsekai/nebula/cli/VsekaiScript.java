package org.vsekai.nebula.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's ./vsekai launcher, as a person runs it, for tests after `package`. */
final class VsekaiScript {
  private VsekaiScript() {}

  static Path path() {
    // Tests run in the module folder; the script is at the repository root.
    Path script = Path.of("").toAbsolutePath().getParent().resolve("vsekai");
    if (!Files.isExecutable(script)) {
      throw new IllegalStateException(script + " is missing or not executable");
    }
    return script;
  }
}
