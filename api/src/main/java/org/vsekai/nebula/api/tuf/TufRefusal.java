package org.vsekai.nebula.api.tuf;

/**
 * Metadata or a target the TUF client workflow refuses. Each {@link Reason} names one threat of the
 * specification; none is worth retrying, because the same bytes would be refused again.
 */
public final class TufRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Which rule the metadata broke. */
  public enum Reason {
    /** Not metadata of the expected shape: bad JSON, a duplicate key, a missing field. */
    MALFORMED,
    /** A {@code spec_version} of a major version this client does not speak. */
    UNSUPPORTED_SPEC_VERSION,
    /** Fewer valid signatures than the role's threshold, from the keys the role names. */
    THRESHOLD_NOT_MET,
    /** A version lower than the one already trusted. */
    ROLLBACK,
    /** Metadata past its expiry: what a freeze attack serves. */
    EXPIRED,
    /** A version other than the one the metadata above it names: mix-and-match. */
    VERSION_MISMATCH,
    /** More bytes than the recorded or the default length: endless data. */
    TOO_LONG,
    /** Bytes whose length or hash differ from those recorded. */
    HASH_MISMATCH,
    /** A target the signed targets metadata does not list. */
    UNKNOWN_TARGET,
    /** A target listed for another product or mode than the install's. */
    WRONG_TARGET
  }

  private final Reason reason;

  public TufRefusal(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
