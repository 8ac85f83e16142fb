package org.vsekai.nebula.activities;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.vsekai.nebula.activities.local.InstallState;
import org.vsekai.nebula.activities.local.InstallStateFile;
import org.vsekai.nebula.activities.local.InstalledRelease;
import org.vsekai.nebula.activities.local.InstalledReleases;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.tuf.ReleaseTargets;
import org.vsekai.nebula.workflows.activities.CheckResult;

/** check: the installed version (from its verified manifest) and the version signed for offer. */
public final class UpdateChecker {
  private final LauncherFolder folder;
  private final ServiceClient service;
  private final Clock clock;

  public UpdateChecker(LauncherFolder folder, ServiceClient service, Clock clock) {
    this.folder = folder;
    this.service = service;
    this.clock = clock;
  }

  /**
   * What is installed, and what the signed targets metadata offers: {@code targetVersion} when
   * given (it must be listed for this product and mode), else the highest version listed for the
   * mode. Never an unsigned answer: a service that says "you are current" cannot freeze an install
   * past its metadata's expiry.
   */
  public CheckResult check(String product, String mode, String targetVersion) throws IOException {
    InstallState state = new InstallStateFile(folder).require();
    InstalledReleases releases = new InstalledReleases(folder);
    Optional<InstalledRelease> installed = releases.current();
    String installedVersion =
        installed.map(r -> releases.verifiedManifest(r, state).version()).orElse(null);
    ReleaseTargets signed = ReleaseMetadata.refreshed(folder, state, service, clock);
    String available;
    if (targetVersion != null) {
      available = signed.manifest(product, targetVersion, mode).custom("version");
    } else {
      available = signed.latest(product, mode).orElse(null);
    }
    return new CheckResult(installedVersion, available);
  }
}
