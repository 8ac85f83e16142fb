package org.vsekai.nebula.schema.db;

import java.util.UUID;
import org.vsekai.nebula.api.SemVer;

/**
 * An install that follows a rollout's mode and that the rollout has not reached, with the version
 * it runs (the columns null when it has none yet).
 */
public record RolloutCandidateRow(
    UUID installId, Long major, Long minor, Long patch, String tag, String build) {

  /** The version the install runs; null for an empty folder. */
  public SemVer version() {
    return major == null ? null : new SemVer(major, minor, patch, tag, build);
  }
}
