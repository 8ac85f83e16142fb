package org.vsekai.nebula.schema.migration;

import java.nio.charset.StandardCharsets;
import org.vsekai.nebula.api.Sha256;

/** One migration file: its version (the file name) and its SQL. */
public record Migration(String version, String sql) {

  /** SHA-256 of the SQL; a migration that changed after it was applied is refused. */
  public String checksum() {
    return Sha256.hex(sql.getBytes(StandardCharsets.UTF_8));
  }
}
