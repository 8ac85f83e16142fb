package org.vsekai.nebula.desync.catar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vsekai.nebula.desync.CaibxReader;
import org.vsekai.nebula.desync.CaibxWriter;
import org.vsekai.nebula.desync.ChunkIndex;
import org.vsekai.nebula.desync.ChunkSizes;
import org.vsekai.nebula.desync.LocalChunkStore;
import org.vsekai.nebula.desync.testing.CatarTrees;
import org.vsekai.nebula.desync.testing.ExternalTool;

/** Our catar archives and .caidx indexes against the real desync v1.0.4's, both ways. */
@Tag("integration")
class CatarCompatibilityTest {
  private static ExternalTool desync;
  @TempDir Path dir;

  @BeforeAll
  static void findDesync() {
    desync = ExternalTool.require("desync");
  }

  private Path ourArchive(Path tree, String name) throws Exception {
    Path out = dir.resolve(name);
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out))) {
      new CatarEncoder().encode(tree, o);
    }
    return out;
  }

  private void ourUntar(Path archive, Path target) throws Exception {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
      new CatarDecoder().decode(in, target, archive.toString());
    }
  }

  @Test
  void ourArchiveIsByteIdenticalToDesyncTar() throws Exception {
    Path tree = CatarTrees.everyKind(dir.resolve("tree"));
    desync.run(dir, "tar", "theirs.catar", tree.toString());
    Path ours = ourArchive(tree, "ours.catar");
    assertThat(Files.size(ours)).isGreaterThan(1_800_000);
    assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(dir.resolve("theirs.catar")));
  }

  @Test
  void timestampsOffGivesDesyncsNoTimeBytes() throws Exception {
    Path tree = CatarTrees.everyKind(dir.resolve("tree"));
    desync.run(dir, "tar", "--no-time", "theirs.catar", tree.toString());
    Path ours = dir.resolve("ours.catar");
    try (OutputStream o = Files.newOutputStream(ours)) {
      new CatarEncoder().noTime(true).encode(tree, o);
    }
    assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(dir.resolve("theirs.catar")));
  }

  @ParameterizedTest(name = "chunk sizes {0}")
  @ValueSource(strings = {"16:64:256", "4:16:64"})
  void ourCaidxAndChunksAreDesyncTarIndexs(String sizes) throws Exception {
    Path tree = CatarTrees.everyKind(dir.resolve("tree"));
    Files.createDirectories(dir.resolve("their-store"));
    desync.run(dir, "tar", "-i", "-m", sizes, "-s", "their-store", "theirs.caidx", "tree");
    LocalChunkStore ourStore = new LocalChunkStore(dir.resolve("our-store"));
    ChunkIndex index =
        CatarIndexes.make(new CatarEncoder(), tree, ChunkSizes.parseKiB(sizes), ourStore, 2);
    CaibxWriter.write(index, dir.resolve("ours.caidx"));

    byte[] theirs = Files.readAllBytes(dir.resolve("theirs.caidx"));
    assertThat(Files.readAllBytes(dir.resolve("ours.caidx"))).isEqualTo(theirs);
    assertThat(index.featureFlags()).isEqualTo(0xB000000010001F22L);
    assertThat(index.chunks().size()).isGreaterThan(sizes.startsWith("4") ? 20 : 5);
    assertThat(CatarTrees.chunkFiles(dir.resolve("our-store")))
        .isEqualTo(CatarTrees.chunkFiles(dir.resolve("their-store")));
  }

  @Test
  void desyncUntarsOurArchiveAndWeUntarDesyncs() throws Exception {
    Path tree = CatarTrees.everyKind(dir.resolve("tree"));
    Map<String, String> expected = CatarTrees.snapshot(tree);

    Path ours = ourArchive(tree, "ours.catar");
    desync.run(dir, "untar", ours.toString(), "by-desync");
    assertThat(CatarTrees.snapshot(dir.resolve("by-desync"))).isEqualTo(expected);

    desync.run(dir, "tar", "theirs.catar", tree.toString());
    ourUntar(dir.resolve("theirs.catar"), dir.resolve("by-us"));
    assertThat(CatarTrees.snapshot(dir.resolve("by-us"))).isEqualTo(expected);
  }

  @Test
  void indexesGoBothWaysThroughStores() throws Exception {
    Path tree = CatarTrees.everyKind(dir.resolve("tree"));
    Map<String, String> expected = CatarTrees.snapshot(tree);
    ChunkSizes sizes = ChunkSizes.parseKiB("4:16:64");

    LocalChunkStore ourStore = new LocalChunkStore(dir.resolve("our-store"));
    CaibxWriter.write(
        CatarIndexes.make(new CatarEncoder(), tree, sizes, ourStore, 2), dir.resolve("ours.caidx"));
    desync.run(dir, "untar", "-i", "-s", "our-store", "ours.caidx", "by-desync");
    assertThat(CatarTrees.snapshot(dir.resolve("by-desync"))).isEqualTo(expected);

    Files.createDirectories(dir.resolve("their-store"));
    desync.run(dir, "tar", "-i", "-m", "4:16:64", "-s", "their-store", "theirs.caidx", "tree");
    CatarIndexes.extract(
        new CatarDecoder(),
        CaibxReader.read(dir.resolve("theirs.caidx")),
        new LocalChunkStore(dir.resolve("their-store")),
        dir.resolve("by-us"),
        "theirs.caidx",
        3);
    assertThat(CatarTrees.snapshot(dir.resolve("by-us"))).isEqualTo(expected);
  }

  @Test
  void fifosAreSkippedAsDesyncSkipsThem() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Files.writeString(tree.resolve("a"), "a");
    Files.writeString(tree.resolve("z"), "z");
    Process mkfifo = new ProcessBuilder("mkfifo", tree.resolve("m-fifo").toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    desync.run(dir, "tar", "theirs.catar", tree.toString());
    StringBuilder warned = new StringBuilder();
    Path ours = dir.resolve("ours.catar");
    try (OutputStream o = Files.newOutputStream(ours)) {
      new CatarEncoder().warnings(warned::append).encode(tree, o);
    }
    assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(dir.resolve("theirs.catar")));
    assertThat(warned.toString()).contains("m-fifo").contains("unsupported node type");
    ourUntar(ours, dir.resolve("out"));
    assertThat(dir.resolve("out/z")).hasContent("z");
    assertThat(dir.resolve("out/m-fifo")).doesNotExist();
  }

  @Test
  void deviceNodesAreArchivedAsDesyncArchivesThem() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Files.writeString(tree.resolve("f"), "f");
    Process chr =
        new ProcessBuilder("mknod", tree.resolve("chr").toString(), "c", "1", "3").start();
    Assumptions.assumeTrue(chr.waitFor() == 0, "mknod needs root");
    Process blk =
        new ProcessBuilder("mknod", tree.resolve("blk").toString(), "b", "259", "70000").start();
    assertThat(blk.waitFor()).isZero();
    desync.run(dir, "tar", "theirs.catar", tree.toString());
    Path ours = ourArchive(tree, "ours.catar");
    assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(dir.resolve("theirs.catar")));
    Assertions.assertThatThrownBy(() -> ourUntar(ours, dir.resolve("out")))
        .isInstanceOf(CatarFormatException.class)
        .hasMessageContaining("device node blk");
  }
}
