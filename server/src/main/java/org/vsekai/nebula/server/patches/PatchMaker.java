package org.vsekai.nebula.server.patches;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.api.Sha256;
import org.vsekai.nebula.desync.ChunkId;
import org.vsekai.nebula.desync.ChunkIndex;
import org.vsekai.nebula.desync.Extractor;
import org.vsekai.nebula.desync.FileTrees;
import org.vsekai.nebula.desync.IndexChunk;
import org.vsekai.nebula.desync.LocalChunkStore;
import org.vsekai.nebula.desync.patch.PatchCodec;
import org.vsekai.nebula.schema.FilePatchRepository;
import org.vsekai.nebula.schema.FilePatchRepository.PatchJob;
import org.vsekai.nebula.schema.FilePatchRepository.VersionFiles;
import org.vsekai.nebula.schema.db.FilePatchRow;
import org.vsekai.nebula.schema.db.VersionFileRow;
import org.vsekai.nebula.server.store.IndexStore;

/**
 * Makes a release's binary patches: for each changed file, one from the same path in each of the
 * earlier versions of its modes ({@link Settings#sources} of them). A patch is kept only where it
 * beats that source's chunk route, and is skipped where the chunks are cheap already. Idempotent:
 * patches recorded before are not made again, and a patch is stored before it is recorded.
 */
public final class PatchMaker {
  private static final Logger LOG = LoggerFactory.getLogger(PatchMaker.class);

  /**
   * @param sources how many earlier versions each file is patched from
   * @param level the zstd level of patches
   * @param minChunkBytes a file whose chunk route costs no more than this is not patched
   */
  public record Settings(int sources, int level, long minChunkBytes) {
    public static final Settings DEFAULT = new Settings(2, PatchCodec.DEFAULT_LEVEL, 64 * 1024);
  }

  /**
   * @param changedBytes bytes of result files patches were attempted for
   * @param cpuNanos CPU time spent making patches
   */
  public record Report(int made, int skipped, long changedBytes, long cpuNanos) {}

  private final FilePatchRepository patches;
  private final LocalChunkStore chunks;
  private final IndexStore indexes;
  private final PatchStore store;
  private final Settings settings;

  public PatchMaker(
      FilePatchRepository patches,
      LocalChunkStore chunks,
      IndexStore indexes,
      PatchStore store,
      Settings settings) {
    this.patches = patches;
    this.chunks = chunks;
    this.indexes = indexes;
    this.store = store;
    this.settings = settings;
  }

  public Report make(String product, SemVer version, Runnable heartbeat) throws IOException {
    PatchJob job = patches.job(product, version, settings.sources());
    Set<String> recorded = new HashSet<>();
    for (FilePatchRow p : patches.patches(product, version)) {
      recorded.add(p.path() + "\n" + p.fromVersion());
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long cpuBefore = cpu.getCurrentThreadCpuTime();
    int made = 0;
    int skipped = 0;
    long changedBytes = 0;
    Path work = store.workFolder();
    try {
      for (VersionFileRow file : job.release().files()) {
        Path result = null;
        ChunkIndex newIndex = null;
        for (VersionFiles source : job.sources()) {
          VersionFileRow old = fileAt(source, file.path());
          if (old == null
              || old.indexSha256().equals(file.indexSha256())
              || recorded.contains(file.path() + "\n" + source.version())) {
            continue;
          }
          if (newIndex == null) {
            newIndex = index(file.indexSha256());
          }
          ChunkIndex oldIndex = index(old.indexSha256());
          ChunkRoute route = ChunkRoute.of(newIndex, oldIndex, chunks);
          if (route.bytes() <= settings.minChunkBytes()
              || !PatchCodec.canPatchFrom(oldIndex.length())) {
            skipped++;
            continue;
          }
          if (result == null) {
            result = work.resolve("result");
            assemble(newIndex, result);
          }
          Path sourceFile = work.resolve("source");
          assemble(oldIndex, sourceFile);
          changedBytes += newIndex.length();
          FilePatchRow row = patch(file.path(), source, sourceFile, result, route);
          heartbeat.run();
          if (row == null) {
            skipped++;
            continue;
          }
          patches.record(job.release().versionId(), source.versionId(), row);
          made++;
          LOG.info(
              "patch of {} {} {} from {}: {} bytes, chunks would be {}",
              product,
              version,
              file.path(),
              source.version(),
              row.patchSize(),
              route.bytes());
        }
      }
    } finally {
      FileTrees.delete(work);
    }
    return new Report(made, skipped, changedBytes, cpu.getCurrentThreadCpuTime() - cpuBefore);
  }

  /** The patch, stored, or null when it is no smaller than the chunk route. */
  private FilePatchRow patch(
      String path, VersionFiles source, Path sourceFile, Path result, ChunkRoute route)
      throws IOException {
    Path temporary = store.temporary();
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
        OutputStream out = Channels.newOutputStream(channel)) {
      PatchCodec.make(sourceFile, result, out, settings.level());
      out.flush();
      channel.force(true);
    }
    long size = Files.size(temporary);
    if (size >= route.bytes()) {
      Files.delete(temporary);
      return null;
    }
    String sha = Sha256.hex(temporary);
    store.adopt(temporary, sha);
    return new FilePatchRow(
        path,
        source.version().toString(),
        Sha256.hex(sourceFile),
        Sha256.hex(result),
        sha,
        size,
        route.bytes(),
        route.rawBytes());
  }

  private static VersionFileRow fileAt(VersionFiles version, String path) {
    for (VersionFileRow f : version.files()) {
      if (f.path().equals(path)) {
        return f;
      }
    }
    return null;
  }

  private ChunkIndex index(String sha256) {
    return indexes
        .read(sha256)
        .orElseThrow(() -> new IllegalStateException("index " + sha256 + " is not stored"));
  }

  private void assemble(ChunkIndex index, Path out) throws IOException {
    Files.deleteIfExists(out);
    new Extractor(chunks).seedFromOutput(false).extract(index, out);
  }

  /** What the chunk route from one source costs: the result's chunks the source lacks. */
  record ChunkRoute(long bytes, long rawBytes) {
    static ChunkRoute of(ChunkIndex result, ChunkIndex source, LocalChunkStore chunks)
        throws IOException {
      Set<ChunkId> have = source.distinctIds();
      Map<ChunkId, Integer> missing = new HashMap<>();
      for (IndexChunk c : result.chunks()) {
        if (!have.contains(c.id())) {
          missing.putIfAbsent(c.id(), c.size());
        }
      }
      long bytes = 0;
      long raw = 0;
      for (Map.Entry<ChunkId, Integer> e : missing.entrySet()) {
        bytes += Files.size(chunks.chunkPath(e.getKey()));
        raw += e.getValue();
      }
      return new ChunkRoute(bytes, raw);
    }
  }
}
