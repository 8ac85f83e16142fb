package org.vsekai.nebula.cli.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vsekai.nebula.activities.local.InstallState;
import org.vsekai.nebula.activities.local.InstallStateFile;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.api.client.Loopback;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.manifest.Ed25519Keys;
import org.vsekai.nebula.api.rest.InstallRegistered;
import org.vsekai.nebula.api.rest.InstallRegistration;
import org.vsekai.nebula.api.rest.SigningKeyInfo;
import org.vsekai.nebula.api.rest.UpdateStart;
import org.vsekai.nebula.cli.ByteRate;
import org.vsekai.nebula.cli.Cli;
import org.vsekai.nebula.cli.CliFailure;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.GlobalOptions;
import org.vsekai.nebula.cli.Terminal;
import org.vsekai.nebula.cli.install.InstallContext;
import org.vsekai.nebula.cli.update.UpdateAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "install",
    description =
        "Make DIR a launcher folder of a product and mode, register it, and install the latest version.")
public final class InstallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--product",
      defaultValue = "v-sekai",
      description = "product to install (default: ${DEFAULT-VALUE})")
  String product;

  @Option(
      names = {"--mode", "--mode_name"},
      defaultValue = "stable",
      description = "release mode to follow (default: ${DEFAULT-VALUE})")
  String mode;

  @Option(
      names = "--public-key",
      paramLabel = "BASE64",
      description =
          "the service's signing key to pin; default: fetched from the service now (trust on first use)")
  String publicKey;

  @Option(
      names = "--no-auto",
      description = "manual-only: the background worker never checks on its own")
  boolean noAuto;

  @Option(
      names = "--check-interval",
      paramLabel = "MINUTES",
      defaultValue = "60",
      description = "minutes between background checks (default: ${DEFAULT-VALUE})")
  long intervalMinutes;

  @Option(
      names = "--max-rate",
      paramLabel = "RATE",
      converter = ByteRate.class,
      description = "download cap, e.g. 500K or 2M (bytes/s)")
  Long maxRate;

  @Option(
      names = "--retry-for",
      paramLabel = "HOURS",
      defaultValue = "0",
      description =
          "how long an update keeps retrying through network trouble or an offline machine before"
              + " it gives up; 0 for the service's default of 48 (at most 720)")
  long retryForHours;

  @Option(
      names = "--no-update",
      description = "only create and register the install, do not update it now")
  boolean noUpdate;

  @Parameters(
      paramLabel = "DIR",
      arity = "0..1",
      description = "the launcher folder (default: the per-user one)")
  Path dir;

  @Override
  public Integer call() {
    GlobalOptions g = Cli.global(spec);
    LauncherFolder folder = new LauncherFolder(dir != null ? dir : InstallContext.defaultFolder());
    if (retryForHours < 0 || retryForHours > UpdateStart.MAX_RETRY_FOR_HOURS) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "--retry-for must be between 0 and " + UpdateStart.MAX_RETRY_FOR_HOURS + " hours");
    }
    InstallStateFile file = new InstallStateFile(folder);
    if (file.read().isPresent()) {
      throw new CliFailure(
          ExitCodes.USAGE,
          folder.root() + " is already an install; use 'vsekai --update " + folder.root() + "'");
    }
    ServiceClient service = ServiceAccess.reader(g);
    String key = publicKey;
    if (key == null) {
      if (!Loopback.safeForCredentials(service.base())) {
        throw new CliFailure(
            ExitCodes.USAGE,
            "refusing to trust a signing key fetched over plain HTTP from "
                + service.base()
                + "; use https:// or pass --public-key");
      }
      SigningKeyInfo info = service.signingKey();
      key = info.publicKey();
      Cli.err(spec)
          .println(
              "vsekai: pinned the service's signing key " + info.keyId() + " (trust on first use)");
    }
    String keyId = Ed25519Keys.keyId(Ed25519Keys.publicKey(key));
    InstallRegistered registered =
        service.registerInstall(new InstallRegistration(product, mode, null));
    String installId = registered.installId().toString();
    try {
      Files.createDirectories(folder.root());
    } catch (IOException e) {
      throw new CliFailure(
          ExitCodes.ERROR, "cannot create " + folder.root() + ": " + e.getMessage(), e);
    }
    file.write(
        new InstallState(
            installId,
            product,
            mode,
            service.base().toString(),
            key,
            !noAuto,
            intervalMinutes,
            maxRate == null ? 0 : maxRate,
            registered.credential(),
            registered.gateway(),
            registered.gatewayTls(),
            null,
            retryForHours));
    if (!g.json) {
      Cli.out(spec)
          .printf(
              "Created install %s of %s (%s) in %s, pinned key %s%n",
              installId, product, mode, folder.root(), keyId);
    }
    if (noUpdate) {
      return ExitCodes.OK;
    }
    return UpdateAction.run(
        folder.root(), g, maxRate, false, Cli.out(spec), Terminal.isInteractive());
  }
}
