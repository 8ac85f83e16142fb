package org.vsekai.nebula.activities.local;

import java.time.Instant;

/**
 * The identity and settings of one install, kept in {@code .nebula/install.json} (readable by its
 * owner only): who it is, what it follows, where its service is, which key it trusts and the
 * credential it proves itself with. This file, not a task from the service, is the install's
 * policy: the activities refuse a task for another product or mode, or a downgrade it does not
 * allow.
 *
 * @param installId UUID the service assigned at registration; names the install's workflows and
 *     task queue
 * @param publicKey the pinned Ed25519 key (base64 X.509) release manifests must be signed with
 * @param autoUpdate whether the background worker checks on its own; false is manual-only
 * @param checkIntervalMinutes how often the background worker checks, when autoUpdate
 * @param maxBytesPerSecond download cap; 0 for none
 * @param credential {@code <installId>.<secret>}, issued once at registration; every call the
 *     install makes carries it. Null in a file from before credentials: the CLI registers the
 *     folder again
 * @param gateway {@code host:port} of the install gateway the worker reaches Temporal through
 * @param gatewayTls whether the gateway speaks TLS (always, but on loopback)
 * @param allowDowngradeUntil until when an update may install a lower version than the installed
 *     one ({@code vsekai --update --allow-downgrade} grants an hour); null: never
 * @param retryForHours how long each step of an update is retried through transient failures before
 *     the update gives up and ends failed; 0 for the service's default (two days)
 */
public record InstallState(
    String installId,
    String product,
    String mode,
    String serviceUrl,
    String publicKey,
    boolean autoUpdate,
    long checkIntervalMinutes,
    long maxBytesPerSecond,
    String credential,
    String gateway,
    boolean gatewayTls,
    Instant allowDowngradeUntil,
    long retryForHours) {

  public InstallState withMode(String newMode) {
    return new InstallState(
        installId,
        product,
        newMode,
        serviceUrl,
        publicKey,
        autoUpdate,
        checkIntervalMinutes,
        maxBytesPerSecond,
        credential,
        gateway,
        gatewayTls,
        allowDowngradeUntil,
        retryForHours);
  }

  public InstallState withAutoUpdate(boolean auto) {
    return new InstallState(
        installId,
        product,
        mode,
        serviceUrl,
        publicKey,
        auto,
        checkIntervalMinutes,
        maxBytesPerSecond,
        credential,
        gateway,
        gatewayTls,
        allowDowngradeUntil,
        retryForHours);
  }

  public InstallState withMaxBytesPerSecond(long cap) {
    return new InstallState(
        installId,
        product,
        mode,
        serviceUrl,
        publicKey,
        autoUpdate,
        checkIntervalMinutes,
        cap,
        credential,
        gateway,
        gatewayTls,
        allowDowngradeUntil,
        retryForHours);
  }

  /** The state after the service registered this folder as {@code newInstallId}. */
  public InstallState withRegistration(
      String newInstallId, String newCredential, String newGateway, boolean tls) {
    return new InstallState(
        newInstallId,
        product,
        mode,
        serviceUrl,
        publicKey,
        autoUpdate,
        checkIntervalMinutes,
        maxBytesPerSecond,
        newCredential,
        newGateway,
        tls,
        allowDowngradeUntil,
        retryForHours);
  }

  public InstallState withDowngradeAllowedUntil(Instant until) {
    return new InstallState(
        installId,
        product,
        mode,
        serviceUrl,
        publicKey,
        autoUpdate,
        checkIntervalMinutes,
        maxBytesPerSecond,
        credential,
        gateway,
        gatewayTls,
        until,
        retryForHours);
  }

  /** Whether this install lets an update install a lower version at {@code now}. */
  public boolean allowsDowngradeAt(Instant now) {
    return allowDowngradeUntil != null && now.isBefore(allowDowngradeUntil);
  }

  /** Whether the service registered it with a credential (files from before did not). */
  public boolean hasCredential() {
    return credential != null && !credential.isBlank();
  }

  /** The state without its secret, for output a player might paste into a bug report. */
  @Override
  public String toString() {
    return "InstallState[installId=" + installId + ", product=" + product + ", mode=" + mode + "]";
  }
}
