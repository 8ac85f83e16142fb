package org.vsekai.nebula.activities;

import java.io.IOException;
import java.time.Clock;
import org.vsekai.nebula.activities.local.InstallState;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.manifest.Ed25519Keys;
import org.vsekai.nebula.api.tuf.ReleaseTargets;
import org.vsekai.nebula.api.tuf.TrustedMetadataStore;
import org.vsekai.nebula.api.tuf.TufUpdater;

/**
 * The service's signed release metadata (TUF), as this install trusts it: refreshed by the
 * specification's client workflow into {@code .nebula/tuf/} before every decision about what to
 * install. An install made before TUF pins one key; its first root is trusted only if that key
 * signed it, and the root chain carries it through every rotation after that.
 */
final class ReleaseMetadata {
  private ReleaseMetadata() {}

  static ReleaseTargets refreshed(
      LauncherFolder folder, InstallState state, ServiceClient service, Clock clock)
      throws IOException {
    TrustedMetadataStore store = new TrustedMetadataStore(folder.trustedMetadata());
    TufUpdater.trustFirstRootSignedBy(
        Ed25519Keys.publicKey(state.publicKey()), service.tufMetadata(), store);
    TufUpdater updater = new TufUpdater(service.tufMetadata(), service.tufTargets(), store, clock);
    updater.refresh();
    return new ReleaseTargets(updater);
  }
}
