package org.vsekai.nebula.desync;

/**
 * Where the two tools differ in placing content-defined boundaries (casync-format.md, "Length
 * rule"). The index format is the same; only the chunks differ, and only rarely.
 */
public enum BoundaryRule {
  /**
   * desync: boundaries are tested for chunk lengths min+1 .. max, so no content-defined chunk is
   * exactly {@code min} bytes long. This is what we write.
   */
  DESYNC,
  /**
   * casync: boundaries are tested from length {@code min}, and the discriminator is clamped into
   * [min, max].
   */
  CASYNC
}
