package org.vsekai.nebula.activities.local;

/**
 * The identity and settings of one install, kept in {@code .nebula/install.json}: who it is, what
 * it follows, where its service is and which key it trusts.
 *
 * @param installId UUID naming the install's workflows and task queue
 * @param publicKey the pinned Ed25519 key (base64 X.509) release manifests must be signed with
 * @param autoUpdate whether the background worker checks on its own; false is manual-only
 * @param checkIntervalMinutes how often the background worker checks, when autoUpdate
 * @param maxBytesPerSecond download cap; 0 for none
 * @param temporalAddress Temporal frontend host:port; null for the default
 * @param temporalNamespace Temporal namespace; null for "default"
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
    String temporalAddress,
    String temporalNamespace) {

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
        temporalAddress,
        temporalNamespace);
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
        temporalAddress,
        temporalNamespace);
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
        temporalAddress,
        temporalNamespace);
  }

  public InstallState withTemporal(String address, String namespace) {
    return new InstallState(
        installId,
        product,
        mode,
        serviceUrl,
        publicKey,
        autoUpdate,
        checkIntervalMinutes,
        maxBytesPerSecond,
        address,
        namespace);
  }
}
