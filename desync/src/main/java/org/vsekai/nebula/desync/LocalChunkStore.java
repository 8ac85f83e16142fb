package org.vsekai.nebula.desync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A chunk store in a folder, laid out as casync and desync lay it out: {@code <dir>/<first 4
 * hex>/<64 hex>.cacnk}. Chunks are written to a temporary file and renamed, so a crash never leaves
 * half a chunk under a chunk's name.
 */
public final class LocalChunkStore implements PrunableChunkStore {
  public static final String SUFFIX = ".cacnk";

  private final Path dir;
  private final ChunkVerifier verifier;
  private final boolean durable;

  public LocalChunkStore(Path dir) {
    this(dir, ChunkVerifier.DEFAULT);
  }

  public LocalChunkStore(Path dir, ChunkVerifier verifier) {
    this(dir, verifier, false);
  }

  private LocalChunkStore(Path dir, ChunkVerifier verifier, boolean durable) {
    this.dir = dir;
    this.verifier = verifier;
    this.durable = durable;
  }

  /**
   * A store whose every chunk is on disk before its name is (fsync, then rename): a power cut
   * cannot leave an empty file under a chunk's name. For a store others download from; a cache
   * verifies what it reads and fetches a bad chunk again, so it need not pay for it.
   */
  public static LocalChunkStore durable(Path dir, ChunkVerifier verifier) {
    return new LocalChunkStore(dir, verifier, true);
  }

  public Path dir() {
    return dir;
  }

  public Path chunkPath(ChunkId id) {
    String hex = id.toHex();
    return dir.resolve(hex.substring(0, 4)).resolve(hex + SUFFIX);
  }

  @Override
  public byte[] get(ChunkId id) {
    return verifier.decompress(id, getCompressed(id), location());
  }

  /** The chunk file's bytes as stored, not verified (for serving them over HTTP). */
  public byte[] getCompressed(ChunkId id) {
    try {
      return Files.readAllBytes(chunkPath(id));
    } catch (NoSuchFileException e) {
      throw new ChunkMissingException(id, location());
    } catch (IOException e) {
      throw new ChunkStoreException(
          "cannot read chunk " + id + " in " + location() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean has(ChunkId id) {
    return Files.isRegularFile(chunkPath(id));
  }

  @Override
  public void put(ChunkId id, byte[] data, int off, int len) {
    if (has(id)) {
      return;
    }
    writeFile(id, ChunkCodec.compress(data, off, len));
  }

  /**
   * Stores a compressed chunk after checking it. A chunk already stored is kept if it is sound; an
   * empty or corrupt file under its name (a crash, a bad disk) is replaced by this upload.
   */
  @Override
  public void putCompressed(ChunkId id, byte[] compressed) {
    verifier.decompress(id, compressed, "upload");
    if (has(id) && sound(id)) {
      return;
    }
    writeFile(id, compressed);
  }

  /**
   * Stores compressed bytes the caller has already checked ({@link
   * CompressedChunkSource#getVerifiedCompressed}), as they are: each chunk is checked once, when it
   * arrives. A chunk already stored is kept.
   */
  public void putVerifiedCompressed(ChunkId id, byte[] compressed) {
    if (has(id)) {
      return;
    }
    writeFile(id, compressed);
  }

  private boolean sound(ChunkId id) {
    try {
      get(id);
      return true;
    } catch (ChunkInvalidException | ChunkMissingException e) {
      return false;
    }
  }

  /** Overwrites whatever is stored under the id (a cache replacing a corrupt copy). */
  void replace(ChunkId id, byte[] data) {
    writeFile(id, ChunkCodec.compress(data));
  }

  /** Overwrites whatever is stored under the id with checked compressed bytes. */
  void replaceCompressed(ChunkId id, byte[] compressed) {
    writeFile(id, compressed);
  }

  private void writeFile(ChunkId id, byte[] compressed) {
    Path target = chunkPath(id);
    try {
      AtomicFiles.write(target, compressed, durable);
    } catch (IOException e) {
      throw new ChunkStoreException(
          "cannot store chunk " + id + " in " + location() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void forEachId(Consumer<ChunkId> action) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> prefixes = Files.newDirectoryStream(dir)) {
      for (Path prefix : prefixes) {
        if (!Files.isDirectory(prefix) || prefix.getFileName().toString().length() != 4) {
          continue;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(prefix, "*" + SUFFIX)) {
          for (Path f : files) {
            String name = f.getFileName().toString();
            String hex = name.substring(0, name.length() - SUFFIX.length());
            if (ChunkId.isHex(hex)) {
              action.accept(ChunkId.fromHex(hex));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + location() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void remove(ChunkId id) {
    try {
      Files.deleteIfExists(chunkPath(id));
    } catch (IOException e) {
      throw new ChunkStoreException(
          "cannot remove chunk " + id + " from " + location() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Deletes temporary files older than {@code age} that crashed writers left behind. Younger ones
   * may belong to a writer still running.
   */
  public int removeStaleTemporaryFiles(Duration age) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    Instant cutoff = Instant.now().minus(age);
    int removed = 0;
    try (DirectoryStream<Path> prefixes = Files.newDirectoryStream(dir)) {
      for (Path prefix : prefixes) {
        if (!Files.isDirectory(prefix)) {
          continue;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(prefix, ".*.tmp-*")) {
          for (Path f : files) {
            if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)
                && Files.deleteIfExists(f)) {
              removed++;
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + location() + ": " + e.getMessage(), e);
    }
    return removed;
  }

  @Override
  public String location() {
    return "store " + dir;
  }

  @Override
  public String toString() {
    return location();
  }
}
