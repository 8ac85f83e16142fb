package org.vsekai.nebula.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.activities.testing.Builds;
import org.vsekai.nebula.desync.testing.ExternalTool;
import org.vsekai.nebula.desync.testing.TestData;

/**
 * {@code publish --from-caidx}: a tree archived by the real desync ({@code desync tar -i}) is
 * published from its index and store, and installs byte for byte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class PublishFromCaidxTest {
  @TempDir static Path dir;
  private CliRig rig;
  private ExternalTool desync;

  @BeforeAll
  void start() throws Exception {
    desync = ExternalTool.require("desync");
    rig = new CliRig(dir);
  }

  @AfterAll
  void stop() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  /** {@code vsekai publish --token ... --version VERSION} with more arguments. */
  private CliRun publish(String version, String... more) throws Exception {
    List<String> args =
        new ArrayList<>(List.of("publish", "--token", rig.token(), "--version", version));
    args.addAll(List.of(more));
    return CliRun.of(rig.with(args.toArray(String[]::new)));
  }

  @Test
  void aDesyncArchiveIsPublishedAndInstallsByteExact() throws Exception {
    Path build = Builds.v1(dir.resolve("build"));
    TestData.write(build.resolve("data/日本語.txt"), "日本語\n".getBytes("UTF-8"));
    TestData.write(build.resolve("café/empty"), new byte[0]);
    Files.createDirectories(build.resolve("empty-folder"));
    Files.createSymbolicLink(build.resolve("readme-link"), Path.of("README.txt"));
    Files.createDirectories(dir.resolve("store"));
    desync.run(dir, "tar", "-i", "-s", "store", "build.caidx", "build");

    CliRun both = publish("0.1.0", "--from-caidx", p("build.caidx"), "-s", p("store"), p("build"));
    assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(both.err()).contains("not both");
    CliRun noStore = publish("0.1.0", "--from-caidx", p("build.caidx"));
    assertThat(noStore.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noStore.err()).contains("-s STORE");
    CliRun neither = publish("0.1.0");
    assertThat(neither.exitCode()).isEqualTo(ExitCodes.USAGE);

    CliRun ok = publish("0.1.0", "--from-caidx", p("build.caidx"), "-s", p("store"));
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    // The five files of v1, the two added, and the link a folder publish reads as a file.
    assertThat(ok.out()).contains("Published v-sekai 0.1.0 to stable: 8 files");

    String launcher = p("launcher");
    CliRun install = CliRun.of(rig.with("install", launcher));
    assertThat(install.exitCode()).as(install.err()).isZero();
    Path current = Path.of(launcher, "current");
    assertThat(Builds.contents(current)).isEqualTo(Builds.contents(build));
    assertThat(Files.isExecutable(current.resolve("v-sekai"))).isTrue();
    try (var scratch = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertThat(scratch.map(Path::toString)).noneMatch(s -> s.contains("nebula-caidx-"));
    }
  }

  @Test
  void anArchiveWithASymlinkOutOfItIsRefused() throws Exception {
    Path build = Files.createDirectories(dir.resolve("sneaky"));
    TestData.write(build.resolve("game"), new byte[] {1, 2, 3});
    Files.createSymbolicLink(build.resolve("secrets"), Path.of("/etc/hostname"));
    Files.createDirectories(dir.resolve("store2"));
    desync.run(dir, "tar", "-i", "-s", "store2", "sneaky.caidx", "sneaky");
    CliRun r = publish("0.9.0", "--from-caidx", p("sneaky.caidx"), "-s", p("store2"));
    assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_DATA);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .contains("symlink secrets points outside the archive");
  }
}
