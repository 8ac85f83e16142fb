package org.vsekai.nebula.api.manifest;

/** A manifest a client must not act on. {@link #reason()} says which rule it broke. */
public class ManifestRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a manifest was refused; each is a non-retryable failure for an update. */
  public enum Reason {
    MALFORMED,
    UNTRUSTED_KEY,
    BAD_SIGNATURE,
    EXPIRED,
    WRONG_PRODUCT,
    DOWNGRADE,
    UNSAFE_PATH
  }

  private final Reason reason;

  public ManifestRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
