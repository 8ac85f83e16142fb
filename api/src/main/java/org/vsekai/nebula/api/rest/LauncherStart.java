package org.vsekai.nebula.api.rest;

/**
 * Body of {@code POST /api/v1/installs/{id}/launcher}: the install's worker is online and asks the
 * service to keep it current, checking every {@code checkIntervalMinutes} (never when {@code
 * autoUpdate} is false), each update retried through transient failures for {@code retryForHours}
 * (0 for the default; as {@link UpdateStart#retryForHours()}).
 */
public record LauncherStart(
    boolean autoUpdate, long checkIntervalMinutes, long maxBytesPerSecond, long retryForHours) {

  public LauncherStart(boolean autoUpdate, long checkIntervalMinutes, long maxBytesPerSecond) {
    this(autoUpdate, checkIntervalMinutes, maxBytesPerSecond, 0);
  }
}
