package org.vsekai.nebula.cli.commands;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.Sha256;
import org.vsekai.nebula.api.client.ServiceClient;
import org.vsekai.nebula.api.client.ServiceException;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.manifest.ReleaseManifest;
import org.vsekai.nebula.api.manifest.SafeRelativePath;
import org.vsekai.nebula.api.rest.ReleaseInfo;
import org.vsekai.nebula.api.rest.ReleaseRequest;
import org.vsekai.nebula.cli.Cli;
import org.vsekai.nebula.cli.CliFailure;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.GlobalOptions;
import org.vsekai.nebula.cli.JsonOutput;
import org.vsekai.nebula.cli.update.ProgressView;
import org.vsekai.nebula.desync.CaibxWriter;
import org.vsekai.nebula.desync.ChunkSizes;
import org.vsekai.nebula.desync.HttpChunkStore;
import org.vsekai.nebula.desync.HttpStoreOptions;
import org.vsekai.nebula.desync.IndexMaker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "publish",
    description = {
      "Publish a build folder as a new version of a product in a mode.",
      "Chunks every file, uploads only the chunks the service's store lacks and the indexes, then",
      "registers the version (the service signs its manifest)."
    })
public final class PublishCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--product",
      defaultValue = "v-sekai",
      description = "product (default: ${DEFAULT-VALUE})")
  String product;

  @Option(
      names = "--version",
      required = true,
      paramLabel = "SEMVER",
      description = "the version, e.g. 0.2.0 or 0.3.0-beta.1")
  String version;

  @Option(
      names = {"--mode", "--mode_name"},
      defaultValue = "stable",
      description = "mode to release to (default: ${DEFAULT-VALUE})")
  String mode;

  @Option(
      names = "--executable",
      paramLabel = "PATH",
      description = "the file the launcher starts, relative to the build")
  String executable;

  @Option(
      names = "--notes",
      paramLabel = "FILE",
      description = "release notes (UTF-8 text) players see before and after updating")
  Path notes;

  @CommandLine.Mixin PublisherTokenOption token;

  @Option(
      names = {"-m", "--chunk-size"},
      paramLabel = "MIN:AVG:MAX",
      defaultValue = "16:64:256",
      description = "chunk sizes in KiB (default: ${DEFAULT-VALUE})")
  String chunkSize;

  @Parameters(
      paramLabel = "BUILD_DIR",
      arity = "0..1",
      description = "the build to publish (or give --from-caidx)")
  Path build;

  @Option(
      names = "--from-caidx",
      paramLabel = "INDEX",
      description = "publish the tree in a desync/casync .caidx archive index instead of a folder")
  Path fromCaidx;

  @Option(
      names = {"-s", "--store"},
      paramLabel = "STORE",
      description = "with --from-caidx: the store (folder or URL) the archive's chunks are in")
  String caidxStore;

  /** What a publish did, for the summary and for the demo. */
  public record Summary(
      String version, int files, long bytes, long chunksUploaded, long bytesUploaded) {}

  @Override
  public Integer call() throws IOException {
    GlobalOptions g = Cli.global(spec);
    if (build != null && fromCaidx != null) {
      throw new CliFailure(
          ExitCodes.USAGE, "give either BUILD_DIR or --from-caidx INDEX, not both");
    }
    if (build == null && fromCaidx == null) {
      throw new CliFailure(
          ExitCodes.USAGE, "give the build to publish: BUILD_DIR or --from-caidx INDEX");
    }
    if (fromCaidx != null && caidxStore == null) {
      throw new CliFailure(
          ExitCodes.USAGE, "--from-caidx needs the store its chunks are in (-s STORE)");
    }
    if (fromCaidx == null && caidxStore != null) {
      throw new CliFailure(ExitCodes.USAGE, "-s/--store is only used with --from-caidx");
    }
    // People write release tags as v1.2.3; the service takes the version itself.
    String semver = SemVer.parseLenient(version).toString();
    String notesText = notes == null ? null : readNotes(notes);
    ChunkSizes sizes = ChunkSizes.parseKiB(chunkSize);
    Path unpacked = fromCaidx == null ? null : CaidxBuild.unpack(fromCaidx, caidxStore);
    Summary s;
    try {
      s =
          publish(
              token.publisher(g),
              product,
              semver,
              mode,
              executable,
              sizes,
              unpacked != null ? unpacked : build,
              notesText);
    } finally {
      if (unpacked != null) {
        CaidxBuild.delete(unpacked);
      }
    }
    if (g.json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("product", product);
      m.put("version", s.version());
      m.put("mode", mode);
      m.put("files", s.files());
      m.put("bytes", s.bytes());
      m.put("chunksUploaded", s.chunksUploaded());
      m.put("bytesUploaded", s.bytesUploaded());
      JsonOutput.line(Cli.out(spec), m);
    } else {
      Cli.out(spec)
          .printf(
              "Published %s %s to %s: %d files, %s; uploaded %d new chunks (%s)%n",
              product,
              s.version(),
              mode,
              s.files(),
              ProgressView.bytes(s.bytes()),
              s.chunksUploaded(),
              ProgressView.bytes(s.bytesUploaded()));
    }
    return ExitCodes.OK;
  }

  private static String readNotes(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new CliFailure(ExitCodes.NOT_FOUND, file + " is not a file");
    }
    if (Files.size(file) > ReleaseManifest.MAX_NOTES_BYTES) {
      throw new CliFailure(
          ExitCodes.USAGE,
          file
              + " is longer than the "
              + ReleaseManifest.MAX_NOTES_BYTES
              + " bytes notes may have");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CliFailure(ExitCodes.USAGE, file + " is not UTF-8 text");
    }
  }

  /** Publishes {@code build} without notes. */
  public static Summary publish(
      ServiceClient service,
      String product,
      String version,
      String mode,
      String executable,
      ChunkSizes sizes,
      Path build)
      throws IOException {
    return publish(service, product, version, mode, executable, sizes, build, null);
  }

  /** Publishes {@code build}; used by this command and by the demo. */
  public static Summary publish(
      ServiceClient service,
      String product,
      String version,
      String mode,
      String executable,
      ChunkSizes sizes,
      Path build,
      String notes)
      throws IOException {
    SemVer.parse(version); // a clear error before any upload
    if (!Files.isDirectory(build)) {
      throw new CliFailure(ExitCodes.NOT_FOUND, build + " is not a folder");
    }
    HttpChunkStore store =
        new HttpChunkStore(
            service.chunkStore(),
            HttpStoreOptions.DEFAULT.withAuthorization("Bearer " + service.publisherToken()));
    List<ManifestFile> files = new ArrayList<>();
    long bytes = 0;
    AtomicLong chunks = new AtomicLong();
    AtomicLong uploaded = new AtomicLong();
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(build)) {
      paths = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : paths) {
      String rel = build.relativize(f).toString().replace('\\', '/');
      SafeRelativePath.require(rel);
      IndexMaker.Result r = new IndexMaker(sizes).store(store).make(f);
      chunks.addAndGet(r.chunksStored());
      uploaded.addAndGet(r.bytesStored());
      byte[] caibx = CaibxWriter.toBytes(r.index());
      String sha = Sha256.hex(caibx);
      if (!service.hasIndex(sha)) {
        service.putIndex(sha, caibx);
      }
      files.add(new ManifestFile(rel, Files.size(f), Files.isExecutable(f) ? "0755" : "0644", sha));
      bytes += Files.size(f);
    }
    String exe =
        executable != null
            ? executable
            : files.stream()
                .filter(ManifestFile::executable)
                .map(ManifestFile::path)
                .findFirst()
                .orElse(null);
    ReleaseInfo info;
    try {
      info =
          service.release(
              new ReleaseRequest(
                  product,
                  version,
                  mode,
                  exe,
                  new ReleaseManifest.ChunkingParameters(sizes.min(), sizes.avg(), sizes.max()),
                  files,
                  null,
                  notes));
    } catch (ServiceException e) {
      if (e.notFound()) {
        throw new CliFailure(
            ExitCodes.NOT_FOUND,
            e.getMessage()
                + " (create it first: vsekai product create "
                + product
                + " / vsekai mode create "
                + mode
                + ")",
            e);
      }
      throw e;
    }
    return new Summary(info.version(), files.size(), bytes, chunks.get(), uploaded.get());
  }
}
