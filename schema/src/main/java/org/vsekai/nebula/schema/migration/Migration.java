package org.vsekai.nebula.schema.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** One migration file: its version (the file name) and its SQL. */
public record Migration(String version, String sql) {

  /** SHA-256 of the SQL; a migration that changed after it was applied is refused. */
  public String checksum() {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
