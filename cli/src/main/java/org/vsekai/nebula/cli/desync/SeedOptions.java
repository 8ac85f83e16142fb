package org.vsekai.nebula.cli.desync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.vsekai.nebula.desync.FileSeed;
import picocli.CommandLine.Option;

/** desync's seed arguments: {@code --seed INDEX[:FILE]} and {@code --seed-dir DIR}. */
public final class SeedOptions {
  @Option(
      names = "--seed",
      paramLabel = "INDEX[:FILE]",
      description = "a seed: an index and its file (default: the index path without .caibx)")
  List<String> seeds = new ArrayList<>();

  @Option(
      names = "--seed-dir",
      paramLabel = "DIR",
      description = "every *.caibx in DIR, beside its file")
  List<Path> seedDirs = new ArrayList<>();

  List<FileSeed> load() {
    List<FileSeed> out = new ArrayList<>();
    for (String s : seeds) {
      out.add(parse(s));
    }
    for (Path d : seedDirs) {
      try (Stream<Path> files = Files.list(d)) {
        for (Path p : files.filter(f -> f.toString().endsWith(".caibx")).sorted().toList()) {
          out.add(FileSeed.of(p, blobBeside(p)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list seed folder " + d + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  static FileSeed parse(String spec) {
    // A colon splits INDEX:FILE, but not a Windows drive letter's colon.
    int colon = spec.indexOf(':', spec.length() > 2 && spec.charAt(1) == ':' ? 2 : 0);
    if (colon > 0) {
      return FileSeed.of(Path.of(spec.substring(0, colon)), Path.of(spec.substring(colon + 1)));
    }
    Path index = Path.of(spec);
    return FileSeed.of(index, blobBeside(index));
  }

  private static Path blobBeside(Path index) {
    String name = index.getFileName().toString();
    return index.resolveSibling(
        name.endsWith(".caibx") ? name.substring(0, name.length() - 6) : name);
  }
}
