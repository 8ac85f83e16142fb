package org.vsekai.nebula.schema.db;

import java.time.Instant;
import java.util.UUID;
import org.vsekai.nebula.api.SemVer;

/** A rollout with its product, version, mode and current state. */
public record RolloutRow(
    UUID id,
    UUID productId,
    String product,
    UUID versionId,
    long major,
    long minor,
    long patch,
    String tag,
    String build,
    UUID modeId,
    String mode,
    double maxFailureRate,
    String workflowId,
    Instant createdAt,
    String state,
    String reason) {

  public SemVer version() {
    return new SemVer(major, minor, patch, tag, build);
  }
}
