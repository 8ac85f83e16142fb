package org.vsekai.nebula.activities;

import java.util.Optional;
import org.vsekai.nebula.activities.local.InstallState;
import org.vsekai.nebula.activities.local.InstallStateFile;
import org.vsekai.nebula.activities.local.InstalledRelease;
import org.vsekai.nebula.activities.local.InstalledReleases;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.client.ServiceException;
import org.vsekai.nebula.api.manifest.Ed25519Keys;
import org.vsekai.nebula.api.manifest.ManifestVerifier;
import org.vsekai.nebula.api.rest.VersionInfo;
import org.vsekai.nebula.workflows.UpdateFailures;
import org.vsekai.nebula.workflows.activities.CheckResult;

/** check: the installed version (from its verified manifest) and the version on offer. */
public final class UpdateChecker {
  private final LauncherFolder folder;
  private final ServiceClient service;

  public UpdateChecker(LauncherFolder folder, ServiceClient service) {
    this.folder = folder;
    this.service = service;
  }

  public CheckResult check(String product, String mode, String targetVersion) {
    InstallState state = new InstallStateFile(folder).require();
    InstalledReleases releases = new InstalledReleases(folder);
    Optional<InstalledRelease> installed = releases.current();
    String installedVersion =
        installed
            .map(
                r ->
                    releases
                        .verifiedManifest(
                            r, new ManifestVerifier(Ed25519Keys.publicKey(state.publicKey())))
                        .version())
            .orElse(null);
    String available;
    if (targetVersion != null) {
      try {
        available = service.version(product, targetVersion).version();
      } catch (ServiceException e) {
        if (e.notFound()) {
          throw new UpdateFailure(
              UpdateFailures.UNKNOWN_RELEASE,
              "the service has no " + product + " " + targetVersion);
        }
        throw e;
      }
    } else {
      available = service.latest(product, mode).map(VersionInfo::version).orElse(null);
    }
    return new CheckResult(installedVersion, available);
  }
}
