package org.vsekai.nebula.api.rest;

/**
 * Body of {@code POST /api/v1/installs/{id}/update}: an install asks for its update now. Product
 * and mode are the service's record of the install; its worker checks them against its own.
 *
 * @param maxBytesPerSecond the download's cap; 0 for none
 * @param allowDowngrade whether a lower version may be installed, if the install also allows it
 * @param workerRestarted the caller has just started the install's only worker (it holds the
 *     folder's lock): a step another worker had started died with it, and is retried at once
 *     instead of after its heartbeat timeout
 * @param retryForHours how long each step is retried through transient failures before the update
 *     gives up (the install's policy, {@link #MAX_RETRY_FOR_HOURS} at most); 0 for the service's
 *     default of two days
 */
public record UpdateStart(
    long maxBytesPerSecond, boolean allowDowngrade, boolean workerRestarted, long retryForHours) {

  /** The most {@code retryForHours} may be: thirty days. */
  public static final long MAX_RETRY_FOR_HOURS = 720;

  /** An update asked for by someone other than the install's own newly started worker. */
  public UpdateStart(long maxBytesPerSecond, boolean allowDowngrade) {
    this(maxBytesPerSecond, allowDowngrade, false, 0);
  }
}
