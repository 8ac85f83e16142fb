package org.vsekai.nebula.activities;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.vsekai.nebula.activities.local.InstallState;
import org.vsekai.nebula.activities.local.InstallStateFile;
import org.vsekai.nebula.activities.local.InstalledRelease;
import org.vsekai.nebula.activities.local.InstalledReleases;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.manifest.ManifestJson;
import org.vsekai.nebula.api.manifest.ReleaseManifest;
import org.vsekai.nebula.api.tuf.ReleaseTargets;

/**
 * The release notes a player sees: those of the installed release (from its manifest in the
 * install) and, when the signed targets offer a newer version in the install's mode, that version's
 * (its manifest, downloaded as a TUF target: the notes are signed like everything else in it).
 */
public final class ReleaseNotes {
  private ReleaseNotes() {}

  public static Map<String, Object> of(LauncherFolder folder, ServiceClient service, Clock clock)
      throws IOException {
    InstallState state = new InstallStateFile(folder).require();
    Map<String, Object> m = new LinkedHashMap<>();
    Optional<InstalledRelease> installed = new InstalledReleases(folder).current();
    String installedVersion = installed.map(InstalledRelease::version).orElse(null);
    m.put("installedVersion", installedVersion);
    m.put(
        "installedNotes", installed.map(r -> InstalledReleases.manifestOf(r).notes()).orElse(null));
    ReleaseTargets signed = ReleaseMetadata.refreshed(folder, state, service, clock);
    Optional<String> latest = signed.latest(state.product(), state.mode());
    if (latest.isPresent() && !latest.get().equals(installedVersion)) {
      byte[] manifest =
          signed.download(signed.manifest(state.product(), latest.get(), state.mode()));
      m.put("availableVersion", latest.get());
      m.put("availableNotes", ManifestJson.read(manifest, ReleaseManifest.class).notes());
    }
    return m;
  }
}
