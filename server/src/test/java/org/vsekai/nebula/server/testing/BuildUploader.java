package org.vsekai.nebula.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.vsekai.nebula.api.Sha256;
import org.vsekai.nebula.api.manifest.ManifestFile;
import org.vsekai.nebula.api.manifest.ReleaseManifest.ChunkingParameters;
import org.vsekai.nebula.desync.CaibxWriter;
import org.vsekai.nebula.desync.ChunkId;
import org.vsekai.nebula.desync.ChunkIndex;
import org.vsekai.nebula.desync.ChunkSizes;
import org.vsekai.nebula.desync.IndexMaker;
import org.vsekai.nebula.desync.LocalChunkStore;

/**
 * What {@code vsekai publish} does before it registers a release: chunk a file with our desync
 * engine into a local store, then PUT its chunks and index to the service.
 */
public final class BuildUploader {
  /** Small chunks, so a test file of a few hundred KiB has dozens. */
  public static final ChunkSizes SIZES = new ChunkSizes(1024, 4096, 16384);

  public static final ChunkingParameters CHUNKING =
      new ChunkingParameters(SIZES.min(), SIZES.avg(), SIZES.max());

  private final ApiClient publisher;
  private final Path work;
  private final LocalChunkStore local;

  public BuildUploader(ApiClient publisher, Path work) {
    this.publisher = publisher;
    this.work = work;
    this.local = new LocalChunkStore(work.resolve("store"));
  }

  /** Deterministic incompressible bytes. */
  public static byte[] randomBytes(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** A chunked file whose chunks and index are all uploaded. */
  public ManifestFile upload(String path, byte[] content) {
    Chunked c = chunk(path, content);
    for (ChunkId id : c.index().distinctIds()) {
      putChunk(id);
    }
    putIndex(c);
    return c.file();
  }

  /** A chunked file of which only the index is uploaded, not its chunks. */
  public Chunked uploadIndexOnly(String path, byte[] content) {
    Chunked c = chunk(path, content);
    putIndex(c);
    return c;
  }

  /** A file chunked locally, nothing uploaded. */
  public Chunked chunk(String path, byte[] content) {
    try {
      Path file = work.resolve("src").resolve(path);
      Files.createDirectories(file.getParent());
      Files.write(file, content);
      ChunkIndex index = new IndexMaker(SIZES).threads(1).store(local).make(file).index();
      byte[] caibx = CaibxWriter.toBytes(index);
      return new Chunked(
          new ManifestFile(path, content.length, "0644", Sha256.hex(caibx)), index, caibx, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A chunked file: its manifest entry, index and index bytes, and where its content is. */
  public record Chunked(ManifestFile file, ChunkIndex index, byte[] caibx, Path content) {}

  public LocalChunkStore localStore() {
    return local;
  }

  public void putChunk(ChunkId id) {
    ApiClient.Reply r =
        publisher.send("PUT", chunkPath(id), "application/octet-stream", local.getCompressed(id));
    assertThat(r.status()).as("PUT chunk %s: %s", id, r.body()).isIn(200, 201);
  }

  public void putIndex(Chunked c) {
    ApiClient.Reply r =
        publisher.send(
            "PUT",
            "index/" + c.file().indexSha256() + ".caibx",
            "application/octet-stream",
            c.caibx());
    assertThat(r.status()).as("PUT index: %s", r.body()).isIn(200, 201);
  }

  public static String chunkPath(ChunkId id) {
    return "store/" + id.prefix() + "/" + id.toHex() + ".cacnk";
  }
}
