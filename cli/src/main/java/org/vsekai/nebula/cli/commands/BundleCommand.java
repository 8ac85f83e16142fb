package org.vsekai.nebula.cli.commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.vsekai.nebula.api.SemVer;
import org.vsekai.nebula.cli.CliFailure;
import org.vsekai.nebula.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vsekai bundle OUT}: the launcher bundle, a release of product {@code v-sekai-launcher}:
 * the CLI's jars in {@code lib/}, the Godot launcher in {@code launcher/}, and the {@code vsekai}
 * script that runs them from wherever the release was installed. Publish it like a game; installs
 * of it update themselves through the same workflow.
 */
@Command(
    name = "bundle",
    description = {
      "Write the launcher bundle (the CLI and the GUI) into OUT, to publish as v-sekai-launcher.",
      "It is made from the build or the bundle this vsekai runs from."
    })
public final class BundleCommand implements Callable<Integer> {
  public static final String PRODUCT = "v-sekai-launcher";

  @Parameters(paramLabel = "OUT", description = "an empty or new folder")
  Path out;

  @Option(names = "--version", required = true, paramLabel = "SEMVER", description = "its version")
  String version;

  @Override
  public Integer call() throws IOException {
    SemVer.parse(version);
    Path home = Path.of(System.getProperty("vsekai.home", ".")).toAbsolutePath();
    if (Files.exists(out)) {
      try (Stream<Path> s = Files.list(out)) {
        if (s.findAny().isPresent()) {
          throw new CliFailure(ExitCodes.USAGE, out + " is not empty");
        }
      }
    }
    Path lib = Files.createDirectories(out.resolve("lib"));
    for (Path jar : jars(home)) {
      Files.copy(jar, lib.resolve(jar.getFileName().toString()));
    }
    copyTree(home.resolve("launcher"), out.resolve("launcher"));
    Path script = out.resolve("vsekai");
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "# The V-Sekai launcher bundle: the vsekai CLI and the launcher GUI. pwd -P: a running\n"
            + "# launcher keeps its own release folder when an update switches current/.\n"
            + "root=\"$(cd \"$(dirname \"$0\")\" && pwd -P)\"\n"
            + "exec java ${VSEKAI_JAVA_OPTS:-} -Dvsekai.home=\"$root\" -cp \"$root/lib/*\""
            + " org.vsekai.nebula.cli.VsekaiCommand \"$@\"\n",
        StandardCharsets.UTF_8);
    script.toFile().setExecutable(true);
    Files.writeString(
        out.resolve("vsekai.cmd"),
        "@echo off\r\nrem The V-Sekai launcher bundle on Windows.\r\n"
            + "java %VSEKAI_JAVA_OPTS% -Dvsekai.home=\"%~dp0.\" -cp \"%~dp0lib\\*\""
            + " org.vsekai.nebula.cli.VsekaiCommand %*\r\n",
        StandardCharsets.UTF_8);
    Files.writeString(out.resolve("VERSION"), version + "\n", StandardCharsets.UTF_8);
    System.out.println(
        "Bundle "
            + version
            + " in "
            + out
            + "; publish it with: vsekai publish --product "
            + PRODUCT
            + " --executable vsekai --version "
            + version
            + " "
            + out);
    return ExitCodes.OK;
  }

  /** The jars this vsekai runs on: a bundle's lib/, or a build's cli/target. */
  private static List<Path> jars(Path home) throws IOException {
    Path bundled = home.resolve("lib");
    Path built = home.resolve("cli/target");
    Stream<Path> found;
    if (Files.isDirectory(bundled)) {
      found = Files.list(bundled);
    } else if (Files.isDirectory(built.resolve("lib"))) {
      found =
          Stream.concat(
              Files.list(built.resolve("lib")),
              Files.list(built)
                  .filter(p -> p.getFileName().toString().matches("cli-.*\\d(-SNAPSHOT)?\\.jar")));
    } else {
      throw new CliFailure(ExitCodes.NOT_FOUND, "no built CLI under " + home + " (mvn package)");
    }
    try (found) {
      return found.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
        Path rel = from.relativize(p);
        if (rel.toString().startsWith(".import")) {
          continue;
        }
        Path target = to.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
