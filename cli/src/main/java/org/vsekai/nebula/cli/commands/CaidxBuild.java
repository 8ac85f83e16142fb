package org.vsekai.nebula.cli.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.vsekai.nebula.cli.CliFailure;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.cli.desync.StoreOptions;
import org.vsekai.nebula.desync.CaibxReader;
import org.vsekai.nebula.desync.ChunkIndex;
import org.vsekai.nebula.desync.ChunkStore;
import org.vsekai.nebula.desync.FileTrees;
import org.vsekai.nebula.desync.catar.CatarDecoder;
import org.vsekai.nebula.desync.catar.CatarIndexes;

/**
 * A build that arrives as a desync {@code .caidx} archive index: unpacked from verified chunks into
 * a scratch folder, which is then published as any build folder is.
 */
final class CaidxBuild {
  private CaidxBuild() {}

  /** Unpacks the archive into a new scratch folder; the caller deletes it with {@link #delete}. */
  static Path unpack(Path index, String store) throws IOException {
    ChunkIndex idx = CaibxReader.read(index);
    Path dir = Files.createTempDirectory("nebula-caidx-");
    try {
      try (ChunkStore s = StoreOptions.openWithDefaults(store)) {
        CatarIndexes.extract(
            new CatarDecoder().noSameOwner(true),
            idx,
            s,
            dir,
            index.toString(),
            Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
      }
      refuseLinksOutside(dir, index);
      return dir;
    } catch (RuntimeException | IOException e) {
      delete(dir);
      throw e;
    }
  }

  /**
   * A folder publish reads what a symlink points at; an archive's links must not make it read files
   * outside the archive.
   */
  private static void refuseLinksOutside(Path dir, Path index) throws IOException {
    Path root = dir.toRealPath();
    List<Path> links;
    try (Stream<Path> walk = Files.walk(root)) {
      links = walk.filter(Files::isSymbolicLink).toList();
    }
    for (Path link : links) {
      Path target;
      try {
        target = link.toRealPath();
      } catch (IOException dangling) {
        continue; // points at nothing: a folder publish skips it
      }
      if (!target.startsWith(root)) {
        throw new CliFailure(
            ExitCodes.INVALID_DATA,
            index
                + ": symlink "
                + root.relativize(link)
                + " points outside the archive ("
                + Files.readSymbolicLink(link)
                + ")");
      }
    }
  }

  /** Deletes the scratch folder, making read-only folders in it writable first. */
  static void delete(Path dir) {
    try {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.toList()) {
          if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if ((mode & 0700) != 0700) {
              Files.setAttribute(p, "unix:mode", mode | 0700, LinkOption.NOFOLLOW_LINKS);
            }
          }
        }
      }
      FileTrees.delete(dir);
    } catch (IOException e) {
      System.err.println("vsekai: could not delete scratch folder " + dir + ": " + e.getMessage());
    }
  }
}
