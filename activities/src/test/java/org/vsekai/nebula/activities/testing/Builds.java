package org.vsekai.nebula.activities.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.vsekai.nebula.api.Sha256;
import org.vsekai.nebula.desync.testing.TestData;

/** Small game builds for tests, and comparing folders byte for byte. */
public final class Builds {
  private Builds() {}

  /** A build of a few files: an executable, pack files, textures. */
  public static Path v1(Path dir) throws IOException {
    TestData.write(dir.resolve("v-sekai"), TestData.random(1, 300_000));
    dir.resolve("v-sekai").toFile().setExecutable(true);
    TestData.write(dir.resolve("data/world.pck"), TestData.random(2, 900_000));
    TestData.write(dir.resolve("data/avatars.pck"), TestData.random(3, 600_000));
    TestData.write(dir.resolve("textures/sky.png"), TestData.random(4, 200_000));
    TestData.write(dir.resolve("README.txt"), "V-Sekai 0.1.0\n".getBytes());
    return dir;
  }

  /** v1 with one pack file changed in a few places, one file added, one removed. */
  public static Path v2(Path v1, Path dir) throws IOException {
    copy(v1, dir);
    Path world = dir.resolve("data/world.pck");
    Files.write(world, TestData.mutate(Files.readAllBytes(world), 9, 3, 2000));
    TestData.write(dir.resolve("data/new-map.pck"), TestData.random(5, 100_000));
    Files.delete(dir.resolve("README.txt"));
    return dir;
  }

  public static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        Path t = to.resolve(from.relativize(f));
        Files.createDirectories(t.getParent());
        Files.copy(f, t);
        t.toFile().setExecutable(Files.isExecutable(f));
      }
    }
  }

  /** Every regular file under {@code dir} by relative path, with its bytes' SHA-256. */
  public static Map<String, String> contents(Path folder) throws IOException {
    Path dir = folder.toRealPath(); // "current" is a link; walk what it names
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(f).toString(), Sha256.hex(Files.readAllBytes(f)));
      }
    }
    return out;
  }
}
