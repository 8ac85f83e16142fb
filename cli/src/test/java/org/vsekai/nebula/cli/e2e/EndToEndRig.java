package org.vsekai.nebula.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.vsekai.nebula.activities.LocalProgress;
import org.vsekai.nebula.activities.local.InstallState;
import org.vsekai.nebula.activities.local.InstallStateFile;
import org.vsekai.nebula.activities.local.Json;
import org.vsekai.nebula.activities.local.LauncherFolder;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.client.ServiceException;
import org.vsekai.nebula.api.rest.InstallRegistered;
import org.vsekai.nebula.api.rest.InstallRegistration;
import org.vsekai.nebula.cli.CliRig;
import org.vsekai.nebula.cli.SupportTemporal;
import org.vsekai.nebula.cli.commands.PublishCommand;
import org.vsekai.nebula.cli.demo.SampleGameBuilder;
import org.vsekai.nebula.desync.ChunkId;
import org.vsekai.nebula.desync.ChunkSizes;
import org.vsekai.nebula.desync.IndexChunk;
import org.vsekai.nebula.desync.IndexMaker;
import org.vsekai.nebula.desync.LocalChunkStore;
import org.vsekai.nebula.desync.testing.TemporalDevServer;
import org.vsekai.nebula.server.EmbeddedNebulaService;
import org.vsekai.nebula.server.patches.PatchJobs;
import org.vsekai.nebula.workflows.NebulaSearchAttributes;

/**
 * Everything an end-to-end update needs, for real: Temporal's dev server, the service on its
 * embedded defaults (recording updates through its own worker), two published builds, and an
 * install folder whose worker runs in its own process.
 */
final class EndToEndRig implements AutoCloseable {
  final Path dir;
  final TemporalDevServer temporal;
  final EmbeddedNebulaService nebula;
  final ServiceClient publisher;
  final WorkflowClient client;

  EndToEndRig(Path dir) throws Exception {
    this.dir = dir;
    this.temporal =
        TemporalDevServer.start(
            Files.createDirectories(dir.resolve("temporal")), NebulaSearchAttributes.names());
    this.nebula =
        EmbeddedNebulaService.start(dir.resolve("service"), CliRig.settings(temporal.address()));
    this.publisher = new ServiceClient(nebula.baseUrl(), nebula.publisherToken());
    ignoreConflict(() -> publisher.createProduct("v-sekai"));
    ignoreConflict(() -> publisher.createMode("stable"));
    this.client = SupportTemporal.connect(temporal.address());
  }

  /** Builds 0.1.0 and 0.2.0 (about 5% changed) of {@code megabytes}. */
  Path[] builds(int megabytes) throws IOException {
    SampleGameBuilder b = new SampleGameBuilder(megabytes);
    Path v1 = b.firstVersion(dir.resolve("builds/0.1.0"), "0.1.0");
    Path v2 = b.nextVersion(v1, dir.resolve("builds/0.2.0"), "0.2.0");
    return new Path[] {v1, v2};
  }

  void publish(String version, Path build) throws IOException {
    PublishCommand.publish(
        publisher, "v-sekai", version, "stable", "v-sekai.x86_64", ChunkSizes.DEFAULT, build);
  }

  /** A registered, empty install folder: registered as a player's would be, anonymously. */
  InstallState newInstall(LauncherFolder folder) {
    return register(nebula, folder, "stable", false);
  }

  /**
   * Registers {@code folder} with the service as {@code vsekai install} does and writes its state:
   * the service picks the id and issues the credential; the gateway is the one it names.
   */
  static InstallState register(
      EmbeddedNebulaService nebula, LauncherFolder folder, String mode, boolean autoUpdate) {
    InstallRegistered registered =
        new ServiceClient(nebula.baseUrl(), null)
            .registerInstall(new InstallRegistration("v-sekai", mode, null));
    InstallState state =
        new InstallState(
            registered.installId().toString(),
            "v-sekai",
            mode,
            nebula.baseUrl().toString(),
            nebula.signingPublicKey(),
            autoUpdate,
            autoUpdate ? 60 : 0,
            0,
            registered.credential(),
            registered.gateway(),
            registered.gatewayTls(),
            null,
            0);
    new InstallStateFile(folder).write(state);
    return state;
  }

  WorkerProcess worker(LauncherFolder folder, Map<String, String> env) throws IOException {
    return WorkerProcess.start(folder.root(), dir.resolve("worker.log"), env);
  }

  /** Compressed chunk bytes the service's store has sent so far (its own metric). */
  long chunkBytesServed() throws Exception {
    return meterCount("store.chunks.served-bytes");
  }

  /** Patch bytes the service has sent. */
  long patchBytesServed() throws Exception {
    return meterCount("store.patches.served-bytes");
  }

  private long meterCount(String meter) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(nebula.adminUrl().resolve("metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode meters = Json.mapper().readTree(r.body()).path("meters");
    return meters.path(meter).path("count").asLong();
  }

  /** Waits until the service has made a release's patches; how many it made. */
  int awaitPatches(String version) throws Exception {
    return client
        .newUntypedWorkflowStub(PatchJobs.workflowId("v-sekai", version))
        .getResult(5, TimeUnit.MINUTES, Integer.class);
  }

  /**
   * Compressed bytes of the chunks an update from {@code from} to {@code to} must download: those
   * of the new build that no file of the old one holds.
   */
  long neededCompressedBytes(Path from, Path to) throws IOException {
    Set<ChunkId> have = ids(from);
    LocalChunkStore store = new LocalChunkStore(dir.resolve("service").resolve("store"));
    long bytes = 0;
    for (ChunkId id : ids(to)) {
      if (!have.contains(id)) {
        bytes += Files.size(store.chunkPath(id));
      }
    }
    return bytes;
  }

  private static Set<ChunkId> ids(Path build) throws IOException {
    Set<ChunkId> ids = new HashSet<>();
    try (Stream<Path> walk = Files.walk(build)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        for (IndexChunk c : new IndexMaker(ChunkSizes.DEFAULT).make(f).index().chunks()) {
          ids.add(c.id());
        }
      }
    }
    return ids;
  }

  static LocalProgress progress(LauncherFolder folder) {
    try {
      return Json.read(folder.progressFile(), LocalProgress.class).orElse(null);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private interface Call {
    void run();
  }

  private static void ignoreConflict(Call c) {
    try {
      c.run();
    } catch (ServiceException e) {
      if (e.status() != 409) {
        throw e;
      }
    }
  }

  static List<Map<String, String>> fingerprints(Path... builds) throws IOException {
    List<Map<String, String>> out = new ArrayList<>();
    for (Path b : builds) {
      out.add(FolderWatcher.fingerprint(b));
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    client.getWorkflowServiceStubs().shutdown();
    nebula.close();
    temporal.close();
  }

  static URI uri(String s) {
    return URI.create(s);
  }
}
