package org.vsekai.nebula.cli.demo;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.vsekai.nebula.desync.FileTrees;

/**
 * The real V-Sekai sample game (the repository's {@code sample-game/} Godot 3.2 project), exported
 * with {@code godot3-server --export-pack} into a release folder: {@code v-sekai.pck} and the
 * {@code v-sekai} script that runs it with Debian's {@code godot3-runner} (Linux only: the runner
 * is the engine, installed beside the launcher, not shipped in each release). The second release
 * shows a ring of lights and adds the asset that draws it.
 */
public final class GodotSampleGame implements AutoCloseable {
  public static final String EXECUTABLE = "v-sekai";
  static final String PACK = "v-sekai.pck";

  private final Path project;
  private final Path godot;
  private Path work;

  private GodotSampleGame(Path project, Path godot) {
    this.project = project;
    this.godot = godot;
  }

  /** The sample project and a Godot that can export it, when both are here. */
  public static Optional<GodotSampleGame> find(Path project) {
    if (!Files.isRegularFile(project.resolve("project.godot"))) {
      return Optional.empty();
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "godot3-server");
      if (Files.isExecutable(candidate)) {
        return Optional.of(new GodotSampleGame(project, candidate));
      }
    }
    return Optional.empty();
  }

  /** Exports {@code version} into {@code release}, beside whatever else the release holds. */
  public void export(Path release, String version, boolean withRing) throws IOException {
    export(release, version, withRing, null);
  }

  /**
   * As {@link #export(Path, String, boolean)}, with the PNG textures of {@code textures} packed
   * into the game as its gallery: the bulk of a real game's bytes is its assets.
   */
  public void export(Path release, String version, boolean withRing, Path textures)
      throws IOException {
    // One work copy for every export of this game: Godot re-imports only the textures that
    // changed since the last export, as it would in a studio's project.
    if (work == null) {
      work = Files.createTempDirectory("vsekai-sample-game");
    }
    try {
      copyTree(project, work);
      syncTextures(textures, work.resolve("assets/textures"));
      Files.deleteIfExists(work.resolve("assets/ring.tres"));
      Files.writeString(
          work.resolve("release.cfg"),
          "[release]\n\nversion=\"" + version + "\"\nextra_ring=" + withRing + "\n");
      if (withRing) {
        Files.createDirectories(work.resolve("assets"));
        Files.writeString(
            work.resolve("assets/ring.tres"),
            "[gd_resource type=\"SpatialMaterial\" format=2]\n\n[resource]\n"
                + "albedo_color = Color( 0.96, 0.42, 0.76, 1 )\nemission_enabled = true\n"
                + "emission = Color( 0.96, 0.42, 0.76, 1 )\nemission_energy = 0.6\n");
      }
      Files.createDirectories(release);
      Path pack = release.resolve(PACK).toAbsolutePath();
      Process p =
          new ProcessBuilder(
                  List.of(
                      godot.toString(),
                      "--path",
                      work.toString(),
                      "--export-pack",
                      "Linux/X11",
                      pack.toString()))
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("export.log").toFile())
              .start();
      if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.isRegularFile(pack)) {
        p.destroyForcibly();
        throw new IOException(
            "godot3-server could not export the sample game: "
                + Files.readString(work.resolve("export.log"))
                    .lines()
                    .reduce((a, b) -> b)
                    .orElse(""));
      }
      Path run = release.resolve(EXECUTABLE);
      Files.writeString(
          run,
          "#!/bin/sh\n# Runs the V-Sekai sample with Debian's Godot 3.2 runner (Linux only).\n"
              + "exec godot3-runner --main-pack \"$(dirname \"$0\")/"
              + PACK
              + "\" \"$@\"\n",
          StandardCharsets.UTF_8);
      run.toFile().setExecutable(true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while exporting the sample game", e);
    } catch (IOException | RuntimeException e) {
      FileTrees.delete(work);
      work = null;
      throw e;
    }
  }

  /** The work copy's textures become exactly {@code from}'s; unchanged files are not touched. */
  private static void syncTextures(Path from, Path to) throws IOException {
    if (Files.isDirectory(to)) {
      try (Stream<Path> old = Files.list(to)) {
        for (Path p : old.toList()) {
          String name = p.getFileName().toString();
          if (from == null || !Files.exists(from.resolve(name))) {
            Files.delete(p);
          }
        }
      }
    }
    if (from != null) {
      copyTree(from, to);
    }
  }

  /** Removes the work copy; the exported releases stay. */
  public void close() throws IOException {
    if (work != null) {
      FileTrees.delete(work);
    }
    work = null;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path rel = from.relativize(p);
        if (rel.toString().startsWith(".import")) {
          continue;
        }
        Path target = to.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!Files.exists(target) || Files.mismatch(p, target) != -1) {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
