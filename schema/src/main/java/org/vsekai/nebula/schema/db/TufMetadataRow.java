package org.vsekai.nebula.schema.db;

import java.time.Instant;
import org.jdbi.v3.core.mapper.reflect.JdbiConstructor;

/**
 * One signed version of a TUF role: the metadata file's bytes exactly as they are served, and when
 * the database stored it (null for a row not stored yet).
 */
public record TufMetadataRow(String role, long version, byte[] body, Instant createdAt) {
  @JdbiConstructor
  public TufMetadataRow {}

  /** A row to store; the database sets when. */
  public TufMetadataRow(String role, long version, byte[] body) {
    this(role, version, body, null);
  }
}
