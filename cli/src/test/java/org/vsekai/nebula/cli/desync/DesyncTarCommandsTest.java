package org.vsekai.nebula.cli.desync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vsekai.nebula.cli.CliRun;
import org.vsekai.nebula.cli.ExitCodes;
import org.vsekai.nebula.desync.testing.CatarTrees;
import org.vsekai.nebula.desync.testing.ExternalTool;
import org.vsekai.nebula.desync.testing.LoopbackStoreServer;

/** {@code vsekai desync tar|untar} against the real desync v1.0.4, through the command line. */
@Tag("integration")
class DesyncTarCommandsTest {
  @TempDir Path dir;

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  private static void ok(CliRun r) {
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void tarAndUntarAreInterchangeableWithDesyncs() throws Exception {
    ExternalTool desync = ExternalTool.require("desync");
    Path tree = CatarTrees.everyKind(dir.resolve("tree"));
    Map<String, String> expected = CatarTrees.snapshot(tree);

    ok(CliRun.of("desync", "tar", p("ours.catar"), p("tree")));
    desync.run(dir, "tar", "theirs.catar", "tree");
    assertThat(Files.readAllBytes(dir.resolve("ours.catar")))
        .isEqualTo(Files.readAllBytes(dir.resolve("theirs.catar")));

    ok(
        CliRun.of(
            "desync",
            "tar",
            "-i",
            "-s",
            p("our-store"),
            "-m",
            "4:16:64",
            p("ours.caidx"),
            p("tree")));
    Files.createDirectories(dir.resolve("their-store"));
    desync.run(dir, "tar", "-i", "-s", "their-store", "-m", "4:16:64", "theirs.caidx", "tree");
    assertThat(Files.readAllBytes(dir.resolve("ours.caidx")))
        .isEqualTo(Files.readAllBytes(dir.resolve("theirs.caidx")));
    assertThat(CatarTrees.chunkFiles(dir.resolve("our-store")))
        .isEqualTo(CatarTrees.chunkFiles(dir.resolve("their-store")));

    ok(CliRun.of("desync", "untar", p("theirs.catar"), p("us-from-catar")));
    ok(
        CliRun.of(
            "desync",
            "untar",
            "-i",
            "-s",
            p("their-store"),
            p("theirs.caidx"),
            p("us-from-caidx")));
    desync.run(dir, "untar", "ours.catar", "desync-from-catar");
    desync.run(dir, "untar", "-i", "-s", "our-store", "ours.caidx", "desync-from-caidx");
    for (String out :
        new String[] {"us-from-catar", "us-from-caidx", "desync-from-catar", "desync-from-caidx"}) {
      assertThat(CatarTrees.snapshot(dir.resolve(out))).as(out).isEqualTo(expected);
    }
  }

  @Test
  void untarCanLeaveOwnersAndModesToTheUser() throws Exception {
    Path tree = CatarTrees.everyKind(dir.resolve("tree"));
    ok(CliRun.of("desync", "tar", p("t.catar"), p("tree")));
    ok(
        CliRun.of(
            "desync", "untar", "--no-same-owner", "--no-same-permissions", p("t.catar"), p("out")));
    assertThat(dir.resolve("out/a/b/big.bin")).hasSameBinaryContentAs(tree.resolve("a/b/big.bin"));
    assertThat((Integer) Files.getAttribute(dir.resolve("out/a/setuid"), "unix:mode") & 07000)
        .isZero();
  }

  @Test
  void badInputGetsOneLineAndAnExitCode() throws Exception {
    Path tree = CatarTrees.everyKind(dir.resolve("tree"));
    ok(CliRun.of("desync", "tar", p("t.catar"), p("tree")));
    byte[] whole = Files.readAllBytes(dir.resolve("t.catar"));
    Files.write(dir.resolve("cut.catar"), Arrays.copyOf(whole, whole.length / 2));

    CliRun cut = CliRun.of("desync", "untar", p("cut.catar"), p("out"));
    assertThat(cut.exitCode()).isEqualTo(ExitCodes.INVALID_DATA);
    assertThat(cut.err().lines())
        .singleElement()
        .asString()
        .startsWith("vsekai: ")
        .contains("cut.catar")
        .contains("truncated");

    CliRun noStore = CliRun.of("desync", "tar", "-i", p("x.caidx"), p("tree"));
    assertThat(noStore.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noStore.err()).contains("-i requires a store");

    CliRun noSource = CliRun.of("desync", "tar", p("x.catar"), p("nope"));
    assertThat(noSource.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(dir.resolve("x.catar")).doesNotExist();

    ok(CliRun.of("desync", "tar", "-i", "-s", p("store"), p("t.caidx"), p("tree")));
    CliRun missing =
        CliRun.of("desync", "untar", "-i", "-s", p("empty-store"), p("t.caidx"), p("out2"));
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(missing.err().lines()).singleElement().asString().contains("is missing from store");
  }

  @Test
  void untarReadsAnIndexOverHttpThroughACache() throws Exception {
    Path tree = CatarTrees.everyKind(dir.resolve("tree"));
    ok(CliRun.of("desync", "tar", "-i", "-s", p("remote"), p("t.caidx"), p("tree")));
    try (LoopbackStoreServer server = new LoopbackStoreServer(dir.resolve("remote"))) {
      ok(
          CliRun.of(
              "desync",
              "untar",
              "-i",
              "-s",
              server.storeUri().toString(),
              "-c",
              p("cache"),
              p("t.caidx"),
              p("out")));
    }
    assertThat(CatarTrees.snapshot(dir.resolve("out"))).isEqualTo(CatarTrees.snapshot(tree));
    assertThat(CatarTrees.chunkFiles(dir.resolve("cache")))
        .isEqualTo(CatarTrees.chunkFiles(dir.resolve("remote")));
  }
}
