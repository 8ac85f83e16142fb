package org.vsekai.nebula.cli.install;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vsekai.nebula.activities.local.InstallState;
import org.vsekai.nebula.activities.local.InstallStateFile;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.api.client.Loopback;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.cli.CliFailure;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.GlobalOptions;
import org.vsekai.nebula.worker.GatewayConnection;

/**
 * One install as a command sees it: its folder, its state file, and the service and gateway it
 * talks to with its own credential, flags and environment variables over what the state file says.
 */
public record InstallContext(LauncherFolder folder, InstallState state, GlobalOptions options) {

  /**
   * The launcher folder a command works on: the one given, else {@code VSEKAI_LAUNCHER_DIR}, else
   * the current directory when it is an install, else the per-user default.
   */
  public static Path resolveFolder(Path given) {
    if (given != null) {
      return given;
    }
    String env = System.getenv("VSEKAI_LAUNCHER_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    Path cwd = Path.of("").toAbsolutePath();
    if (Files.isRegularFile(new LauncherFolder(cwd).installStateFile())) {
      return cwd;
    }
    return defaultFolder();
  }

  /**
   * {@code %LOCALAPPDATA%\V-Sekai\launcher} on Windows, {@code ~/.local/share/v-sekai/launcher}
   * elsewhere.
   */
  public static Path defaultFolder() {
    String local = System.getenv("LOCALAPPDATA");
    if (local != null && System.getProperty("os.name", "").startsWith("Windows")) {
      return Path.of(local, "V-Sekai", "launcher");
    }
    String data = System.getenv("XDG_DATA_HOME");
    Path base =
        data != null && !data.isBlank()
            ? Path.of(data)
            : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("v-sekai").resolve("launcher");
  }

  /**
   * The install in the folder, registered with the service: a folder from before install
   * credentials is registered again first ({@link Reregistration}).
   */
  public static InstallContext load(Path given, GlobalOptions options) {
    LauncherFolder folder = new LauncherFolder(resolveFolder(given));
    InstallState state =
        new InstallStateFile(folder)
            .read()
            .orElseThrow(
                () ->
                    new CliFailure(
                        ExitCodes.NOT_FOUND,
                        folder.root()
                            + " is not a Nebula install; create one with 'vsekai install --service"
                            + " URL "
                            + folder.root()
                            + "'"));
    InstallContext install = new InstallContext(folder, state, options);
    return state.hasCredential() ? install : Reregistration.of(install);
  }

  public URI serviceUrl() {
    String url =
        options.serviceUrl != null && !options.serviceUrl.isBlank()
            ? options.serviceUrl
            : state.serviceUrl();
    if (url == null || url.isBlank()) {
      throw new CliFailure(
          ExitCodes.USAGE, "no service URL: pass --service URL or set NEBULA_SERVICE_URL");
    }
    return URI.create(url);
  }

  /** The service, as this install: every call carries the install's credential. */
  public ServiceClient service() {
    return new ServiceClient(serviceUrl(), state.credential(), options.trustedCa());
  }

  /** The service without a credential, for the public reads the update's steps make. */
  public ServiceClient publicService() {
    return new ServiceClient(serviceUrl(), null, options.trustedCa());
  }

  /** Where the install's worker reaches Temporal: the gateway, with the install's credential. */
  public GatewayConnection gateway() {
    String override = options.gateway;
    if (override != null && !override.isBlank()) {
      String host =
          override.contains(":") ? override.substring(0, override.lastIndexOf(':')) : override;
      return new GatewayConnection(
          override, !Loopback.is(host), options.trustedCa(), state.credential());
    }
    if (state.gateway() == null || state.gateway().isBlank()) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "the install names no gateway; pass --gateway HOST:PORT or set NEBULA_GATEWAY");
    }
    return new GatewayConnection(
        state.gateway(), state.gatewayTls(), options.trustedCa(), state.credential());
  }

  /** What the registry's uninstall entry runs. */
  public String uninstallCommand() {
    return "vsekai uninstall " + folder.root();
  }
}
