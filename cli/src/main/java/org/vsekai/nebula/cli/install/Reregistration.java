package org.vsekai.nebula.cli.install;

import java.io.PrintStream;
import org.vsekai.nebula.activities.local.InstallState;
import org.vsekai.nebula.activities.local.InstallStateFile;
import org.vsekai.nebula.activities.local.InstalledRelease;
import org.vsekai.nebula.activities.local.InstalledReleases;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.client.ServiceException;
import org.vsekai.nebula.api.rest.InstallRegistered;
import org.vsekai.nebula.api.rest.InstallRegistration;

/**
 * Moves a folder made before install credentials to one the service issued a credential for. Its
 * old id was chosen by the client and listed publicly, so the service cannot tell its owner from
 * anyone who read it: the folder registers again under a new id and keeps everything installed. The
 * old id's history stays with the service under the old id.
 */
final class Reregistration {
  private Reregistration() {}

  static InstallContext of(InstallContext old) {
    InstallState state = old.state();
    ServiceClient service = old.publicService();
    String installed =
        new InstalledReleases(old.folder()).current().map(InstalledRelease::version).orElse(null);
    InstallRegistered registered;
    try {
      registered =
          service.registerInstall(
              new InstallRegistration(state.product(), state.mode(), installed));
    } catch (ServiceException e) {
      if (!e.notFound() || installed == null) {
        throw e;
      }
      // The installed version was withdrawn: the next update records what the folder holds.
      registered =
          service.registerInstall(new InstallRegistration(state.product(), state.mode(), null));
    }
    InstallState moved =
        state.withRegistration(
            registered.installId().toString(),
            registered.credential(),
            registered.gateway(),
            registered.gatewayTls());
    new InstallStateFile(old.folder()).write(moved);
    PrintStream err = System.err;
    err.println(
        "vsekai: registered "
            + old.folder().root()
            + " with the service as install "
            + registered.installId()
            + " (it was "
            + state.installId()
            + ", from before install credentials)");
    return new InstallContext(old.folder(), moved, old.options());
  }
}
