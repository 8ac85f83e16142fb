package org.vsekai.nebula.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.vsekai.nebula.api.Sha256;
import org.vsekai.nebula.desync.AtomicFiles;
import org.vsekai.nebula.desync.CaibxReader;
import org.vsekai.nebula.desync.ChunkId;
import org.vsekai.nebula.desync.ChunkIndex;

/**
 * The {@code .caibx} indexes of released files, content-addressed: each is stored as {@code
 * <dir>/<sha256 of its bytes>.caibx}, a flat folder that {@code desync index-server} or any web
 * server can serve as well. An index is immutable once stored.
 */
public final class IndexStore {
  public static final String SUFFIX = ".caibx";

  private final Path dir;

  public IndexStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** An index's name: its SHA-256 in lower-case hex, the shape of a chunk id. */
  public static boolean isSha256Hex(String s) {
    return ChunkId.isHex(s);
  }

  public Path path(String sha256) {
    if (!isSha256Hex(sha256)) {
      throw new IllegalArgumentException("'" + sha256 + "' is not a SHA-256 in hex");
    }
    return dir.resolve(sha256 + SUFFIX);
  }

  /** Whether the stored file hashes to its name. */
  private boolean sound(String sha256) {
    try {
      return Sha256.hex(Files.readAllBytes(path(sha256))).equals(sha256);
    } catch (IOException e) {
      return false;
    }
  }

  public boolean has(String sha256) {
    return Files.isRegularFile(path(sha256));
  }

  /** The parsed index, empty when it is not stored. */
  public Optional<ChunkIndex> read(String sha256) {
    try {
      return Optional.of(CaibxReader.read(Files.readAllBytes(path(sha256)), sha256 + SUFFIX));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read index " + sha256 + ": " + e.getMessage(), e);
    }
  }

  /**
   * Stores an uploaded index after checking that it parses (else {@code IndexFormatException}) and
   * that its name is its digest (else {@link IllegalArgumentException}).
   *
   * @return true if it was not stored before
   */
  public boolean put(String sha256, byte[] body) throws IOException {
    String actual = Sha256.hex(body);
    if (!actual.equals(sha256)) {
      throw new IllegalArgumentException("index body has SHA-256 " + actual + ", not " + sha256);
    }
    CaibxReader.read(body, sha256 + SUFFIX);
    boolean existed = has(sha256);
    if (existed && sound(sha256)) {
      return false;
    }
    // On disk before it has its name, so a power cut leaves no empty index under it; one that
    // a crash left empty or damaged is replaced by this upload.
    AtomicFiles.write(path(sha256), body, true);
    return !existed;
  }
}
