package org.vsekai.nebula.server.tuf;

import java.time.Instant;
import org.vsekai.nebula.api.tuf.Metadata;
import org.vsekai.nebula.api.tuf.TufRefusal;
import org.vsekai.nebula.schema.db.TufMetadataRow;

/**
 * A stored or newly signed metadata file: its bytes as served, what they say, and when they were
 * stored (null when not yet).
 */
record SignedMetadata(String role, byte[] bytes, Metadata metadata, Instant storedAt) {
  static SignedMetadata of(TufMetadataRow row) {
    return new SignedMetadata(
        row.role(), row.body(), Metadata.parse(row.body(), row.role()), row.createdAt());
  }

  static SignedMetadata of(String role, byte[] bytes) {
    return new SignedMetadata(role, bytes, Metadata.parse(bytes, role), null);
  }

  long version() {
    return metadata.version();
  }

  TufMetadataRow row() {
    return new TufMetadataRow(role, metadata.version(), bytes);
  }

  /** Whether a threshold of the keys {@code root} gives this role signed it. */
  boolean signedUnder(Metadata root) {
    try {
      metadata.requireThreshold(root.keys(), root.roleKeys(role), role);
      return true;
    } catch (TufRefusal e) {
      return false;
    }
  }
}
