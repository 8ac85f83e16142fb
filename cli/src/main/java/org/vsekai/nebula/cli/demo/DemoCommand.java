package org.vsekai.nebula.cli.demo;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vsekai.nebula.activities.local.InstallState;
import org.vsekai.nebula.activities.local.InstallStateFile;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.client.ServiceException;
import org.vsekai.nebula.api.rest.InstallRegistered;
import org.vsekai.nebula.api.rest.InstallRegistration;
import org.vsekai.nebula.cli.ByteRate;
import org.vsekai.nebula.cli.Cli;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.GlobalOptions;
import org.vsekai.nebula.cli.JsonOutput;
import org.vsekai.nebula.cli.Terminal;
import org.vsekai.nebula.cli.commands.PublishCommand;
import org.vsekai.nebula.cli.install.InstallContext;
import org.vsekai.nebula.cli.update.ProgressView;
import org.vsekai.nebula.cli.update.UpdateSession;
import org.vsekai.nebula.desync.ChunkSizes;
import org.vsekai.nebula.desync.FileTrees;
import org.vsekai.nebula.server.EmbeddedNebulaService;
import org.vsekai.nebula.server.temporal.EmbeddedTemporal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    description = {
      "Publish, install and update a sample V-Sekai build, with nothing to install.",
      "Starts Temporal (Java test server) and the service (embedded PostgreSQL, local chunk store),",
      "makes a sample build, publishes 0.1.0, installs it into a folder, publishes 0.2.0 and updates",
      "the folder to it, prints what the update downloaded against the full size, and stops what it",
      "started."
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--work",
      paramLabel = "DIR",
      defaultValue = "demo-work",
      description = "where the demo keeps everything (default: ${DEFAULT-VALUE}, emptied first)")
  Path work;

  @Option(
      names = "--size",
      paramLabel = "MB",
      defaultValue = "300",
      description = "size of the sample build in MB (default: ${DEFAULT-VALUE})")
  int sizeMb;

  @Option(
      names = "--max-rate",
      paramLabel = "RATE",
      converter = ByteRate.class,
      description = "cap the update's download, e.g. 2M, to watch it")
  Long maxRate;

  @Override
  public Integer call() throws Exception {
    GlobalOptions g = Cli.global(spec);
    PrintWriter out = Cli.out(spec);
    Step step = new Step(out, g.json);
    FileTrees.delete(work);
    Files.createDirectories(work);
    long t0 = System.nanoTime();

    step.say(
        "Starting Temporal (Java test server) and the Nebula service (embedded PostgreSQL)...");
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(0);
        EmbeddedNebulaService nebula =
            EmbeddedNebulaService.start(
                work.resolve("service"), Map.of("NEBULA_TEMPORAL_TARGET", temporal.address()))) {
      step.say("  Temporal at " + temporal.address() + ", service at " + nebula.baseUrl());
      ServiceClient publisher = catalog(nebula);
      Builds builds = makeBuilds(step);
      PublishCommand.Summary p1 = publish(publisher, "0.1.0", builds.v1(), builds.executable());
      step.say(
          String.format(
              "Published 0.1.0: %d files, %s", p1.files(), ProgressView.bytes(p1.bytes())));

      LauncherFolder folder = new LauncherFolder(work.resolve("launcher"));
      InstallContext install = register(nebula, folder, g);
      step.say("Installing 0.1.0 into " + folder.root() + "...");
      UpdateSession.Outcome first = update(install, out, g, 0);
      step.say(
          String.format(
              "  installed %s in %.1f s (%s downloaded)",
              first.result().toVersion(),
              first.took().toMillis() / 1000.0,
              ProgressView.bytes(first.result().bytesDownloaded())));

      PublishCommand.Summary p2 = publish(publisher, "0.2.0", builds.v2(), builds.executable());
      step.say(
          String.format(
              "Published 0.2.0: %d files, %s; %d new chunks uploaded (%s)",
              p2.files(),
              ProgressView.bytes(p2.bytes()),
              p2.chunksUploaded(),
              ProgressView.bytes(p2.bytesUploaded())));
      awaitPatches(nebula, step);

      step.say("Updating " + folder.root() + " to 0.2.0...");
      UpdateSession.Outcome second = update(install, out, g, maxRate == null ? 0 : maxRate);
      report(out, g, second, p2.bytes(), folder, t0);
    }
    return ExitCodes.OK;
  }

  /** The demo's product and modes; returns the publisher's client. */
  private static ServiceClient catalog(EmbeddedNebulaService nebula) {
    ServiceClient publisher = new ServiceClient(nebula.baseUrl(), nebula.publisherToken());
    createIfMissing(() -> publisher.createProduct("v-sekai"));
    createIfMissing(() -> publisher.createMode("stable"));
    createIfMissing(() -> publisher.createMode("beta"));
    return publisher;
  }

  private record Builds(Path v1, Path v2, String executable) {}

  /**
   * The two releases: the real sample game exported by Godot when it is here, else a generated
   * build of the same shape.
   */
  private Builds makeBuilds(Step step) throws Exception {
    Path v1 = work.resolve("builds/0.1.0");
    Path v2 = work.resolve("builds/0.2.0");
    Optional<GodotSampleGame> game =
        GodotSampleGame.find(
            Path.of(System.getProperty("vsekai.home", ".")).resolve("sample-game"));
    if (game.isEmpty()) {
      step.say(
          "Making a generated V-Sekai build ("
              + sizeMb
              + " MB: no godot3-server on PATH or no sample-game/ here;"
              + " scripts/install-tools.sh installs Godot)...");
      SampleGameBuilder builder = new SampleGameBuilder(sizeMb);
      builder.firstVersion(v1, "0.1.0");
      builder.nextVersion(v1, v2, "0.2.0");
      return new Builds(v1, v2, "v-sekai.x86_64");
    }
    // A real game: the sample project's scene with its textures packed into v-sekai.pck (a
    // texture is about 1 MB). The next release re-renders two textures, adds one and the ring of
    // lights.
    step.say("Exporting the V-Sekai sample game (sample-game/, " + sizeMb + " MB) with Godot...");
    Path textures1 = work.resolve("textures/0.1.0");
    Path textures2 = work.resolve("textures/0.2.0");
    int count = Math.max(4, sizeMb);
    Files.createDirectories(textures2);
    for (int i = 0; i < count; i++) {
      String name = String.format("world-%03d.png", i);
      SampleGameBuilder.texture(textures1.resolve(name), i, "world " + i);
      if (i < 2) {
        SampleGameBuilder.texture(textures2.resolve(name), 1000 + i, "world " + i);
      } else {
        Files.copy(textures1.resolve(name), textures2.resolve(name));
      }
    }
    SampleGameBuilder.texture(textures2.resolve("world-new.png"), 4242, "new world");
    game.get().export(v1, "0.1.0", false, textures1);
    game.get().export(v2, "0.2.0", true, textures2);
    game.get().close();
    return new Builds(v1, v2, GodotSampleGame.EXECUTABLE);
  }

  private static PublishCommand.Summary publish(
      ServiceClient publisher, String version, Path build, String executable) throws Exception {
    return PublishCommand.publish(
        publisher, "v-sekai", version, "stable", executable, ChunkSizes.DEFAULT, build);
  }

  /** Registers the demo's install folder as {@code vsekai install} would. */
  private static InstallContext register(
      EmbeddedNebulaService nebula, LauncherFolder folder, GlobalOptions g) throws Exception {
    InstallRegistered registered =
        new ServiceClient(nebula.baseUrl(), null)
            .registerInstall(new InstallRegistration("v-sekai", "stable", null));
    InstallState state =
        new InstallState(
            registered.installId().toString(),
            "v-sekai",
            "stable",
            nebula.baseUrl().toString(),
            nebula.signingPublicKey(),
            false,
            0,
            0,
            registered.credential(),
            registered.gateway(),
            registered.gatewayTls(),
            null,
            0);
    new InstallStateFile(folder).write(state);
    return new InstallContext(folder, state, g);
  }

  private static UpdateSession.Outcome update(
      InstallContext install, PrintWriter out, GlobalOptions g, long rate) throws Exception {
    return new UpdateSession(install, ProgressView.choose(out, g.json, Terminal.isInteractive()))
        .run(rate, false);
  }

  /**
   * Gives the service up to a minute to make 0.2.0's patches, as a release engineer would publish
   * well before players update: the update then shows best-of-chunks-and-patches. If they are not
   * ready, the update goes ahead with chunks.
   */
  private static void awaitPatches(EmbeddedNebulaService nebula, Step step)
      throws InterruptedException {
    step.say("  the service makes binary patches from 0.1.0 in the background...");
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    SemVer version = SemVer.parse("0.2.0");
    var patches = nebula.services().patches();
    while (System.nanoTime() < deadline) {
      if (nebula.services().patchJobs().idle()) {
        step.say(
            "  "
                + patches.patches("v-sekai", version).size()
                + " patch(es) made (a file gets one only where it is smaller than its chunks)");
        return;
      }
      Thread.sleep(200);
    }
    step.say("  patches not ready after a minute; updating with chunks");
  }

  private static void report(
      PrintWriter out,
      GlobalOptions g,
      UpdateSession.Outcome second,
      long full,
      LauncherFolder folder,
      long t0) {
    long downloaded = second.result().bytesDownloaded();
    if (g.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("event", "demo");
      m.put("fromVersion", second.result().fromVersion());
      m.put("toVersion", second.result().toVersion());
      m.put("bytesDownloaded", downloaded);
      m.put("fullSize", full);
      m.put("updateSeconds", second.took().toMillis() / 1000.0);
      m.put("totalSeconds", (System.nanoTime() - t0) / 1e9);
      m.put("installDir", folder.current().toString());
      JsonOutput.line(out, m);
      return;
    }
    out.printf(
        "%nUpdated %s -> %s in %.1f s: downloaded %s of the %s build (%.1f%%), %d file(s) changed.%n",
        second.result().fromVersion(),
        second.result().toVersion(),
        second.took().toMillis() / 1000.0,
        ProgressView.bytes(downloaded),
        ProgressView.bytes(full),
        100.0 * downloaded / full,
        second.result().filesChanged());
    out.printf(
        "The game is in %s (play it with: vsekai launch %s); the demo took %.0f s in all."
            + " Stopping the service and Temporal.%n",
        folder.current(), folder.root(), (System.nanoTime() - t0) / 1e9);
  }

  private interface Call {
    void run();
  }

  private static void createIfMissing(Call c) {
    try {
      c.run();
    } catch (ServiceException e) {
      if (e.status() != 409) {
        throw e;
      }
    }
  }

  /** Narration: plain lines for people, nothing extra for --json. */
  private record Step(PrintWriter out, boolean json) {
    void say(String line) {
      if (json) {
        return;
      }
      out.println(line);
      out.flush();
    }
  }
}
